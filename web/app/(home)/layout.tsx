import '@fontsource/noto-naskh-arabic/400.css'
import '@fontsource/noto-naskh-arabic/700.css'
import '../globals.css'
import type {ReactNode} from 'react'
import {LiveUpdates} from '../../components/LiveUpdates.tsx'

/** Root layout of the front page (article pages have their own, with the article's lang and dir). */
export default function HomeLayout({children}: {children: ReactNode}) {
  return (
    <html lang="en" dir="ltr">
      <body>
        {children}
        <LiveUpdates />
      </body>
    </html>
  )
}

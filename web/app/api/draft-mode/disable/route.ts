/** Leaves draft mode (the reader's view again) and goes to the path in `?redirect=`, else `/`. */
import {draftMode} from 'next/headers'
import {NextResponse, type NextRequest} from 'next/server'

export async function GET(request: NextRequest): Promise<NextResponse> {
  const mode = await draftMode()
  mode.disable()
  const target = request.nextUrl.searchParams.get('redirect') ?? '/'
  // Only paths on this site: an open redirect would let a link send readers anywhere.
  const path = target.startsWith('/') && !target.startsWith('//') ? target : '/'
  return NextResponse.redirect(new URL(path, request.nextUrl.origin))
}

/**
 * Language helpers: writing direction, language names and the few fixed phrases the site prints
 * in an article's own language (English when a language has none).
 */

const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'yi', 'dv', 'ckb'])

/** `rtl` for right-to-left languages (by primary subtag), else `ltr`. */
export function direction(language: string): 'rtl' | 'ltr' {
  return RIGHT_TO_LEFT.has(language.split('-')[0] ?? '') ? 'rtl' : 'ltr'
}

/** The name of `code` written in `inLanguage` (`en` in `ar` is الإنجليزية). */
export function languageName(code: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage, 'en'], {type: 'language'}).of(code) ?? code
  } catch {
    return code
  }
}

interface Phrases {
  machineTranslation: (from: string) => string
  translation: (from: string) => string
  originalSource: string
  by: string
  published: string
  updated: string
  corrections: string
  correctionKinds: Record<string, string>
  home: string
  feeds: string
}

const ENGLISH: Phrases = {
    machineTranslation: (from) => `This article was machine-translated from ${from}. The translation may contain errors.`,
    translation: (from) => `This article was translated from ${from}.`,
    originalSource: 'Original source',
    by: 'By',
    published: 'Published',
    updated: 'Updated',
    corrections: 'Corrections',
    correctionKinds: {correction: 'Correction', clarification: 'Clarification', update: 'Update'},
    home: 'All articles',
    feeds: 'Feeds',
}

const PHRASES: Record<string, Phrases> = {
  en: ENGLISH,
  ar: {
    machineTranslation: (from) => `تُرجمت هذه المقالة آليًا من ${from}، وقد تحتوي الترجمة على أخطاء.`,
    translation: (from) => `تُرجمت هذه المقالة من ${from}.`,
    originalSource: 'المصدر الأصلي',
    by: 'بقلم',
    published: 'نُشر في',
    updated: 'حُدّث في',
    corrections: 'تصويبات',
    correctionKinds: {correction: 'تصويب', clarification: 'توضيح', update: 'تحديث'},
    home: 'كل المقالات',
    feeds: 'خلاصات',
  },
}

/** The phrases for `language`, English when the site has none for it. */
export function phrases(language: string): Phrases {
  return PHRASES[language.split('-')[0] ?? ''] ?? ENGLISH
}

/** A date as readers of `language` write it (Arabic digits in Arabic). */
export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, {dateStyle: 'long', timeZone: 'UTC'}).format(new Date(iso))
}

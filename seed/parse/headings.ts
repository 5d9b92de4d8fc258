import {normalizeForMatch} from './normalizeForMatch.ts'

/** The section kinds of the content model (`articleSection.kind`), `custom` excepted. */
export const SECTION_KINDS = [
  'topline',
  'keyFacts',
  'keyBackground',
  'bigNumber',
  'crucialQuote',
  'tangent',
  'whatToWatchFor',
  'surprisingFact',
  'chiefCritic',
  'contra',
  'newsPeg',
  'whatWeDontKnow',
  'furtherReading',
] as const

export type SectionKind = (typeof SECTION_KINDS)[number]

/** What `articleSection.kind` may hold. */
export type ArticleSectionKind = SectionKind | 'custom'

/**
 * The Forbes headings in English and the Arabic renderings machine translation produces.
 * Matching goes through `normalizeForMatch`, so letter variants, case and punctuation are free.
 */
export const HEADINGS: Record<SectionKind, {en: string[]; ar: string[]}> = {
  topline: {en: ['Topline', 'Top Line'], ar: ['السطر العلوي', 'الخط العلوي', 'خلاصة', 'الخلاصة']},
  keyFacts: {en: ['Key Facts', 'Key Fact'], ar: ['حقائق رئيسية', 'الحقائق الرئيسية', 'حقائق أساسية']},
  crucialQuote: {en: ['Crucial Quote'], ar: ['اقتباس حاسم', 'اقتباس مهم', 'الاقتباس الحاسم']},
  bigNumber: {en: ['Big Number'], ar: ['رقم ضخم', 'رقم كبير', 'الرقم الكبير', 'الرقم الضخم']},
  keyBackground: {en: ['Key Background'], ar: ['الخلفية الرئيسية', 'خلفية رئيسية']},
  tangent: {en: ['Tangent'], ar: ['مماس', 'استطراد']},
  whatToWatchFor: {
    en: ['What To Watch For', 'What to Watch'],
    ar: ['ماذا تراقب', 'ما الذي يجب مراقبته', 'ما يجب مراقبته'],
  },
  surprisingFact: {en: ['Surprising Fact'], ar: ['حقيقة مفاجئة']},
  chiefCritic: {en: ['Chief Critic'], ar: ['الناقد الرئيسي', 'كبير النقاد']},
  contra: {en: ['Contra'], ar: ['على النقيض', 'مخالف']},
  newsPeg: {en: ['News Peg'], ar: ['ربط الأخبار', 'وتد إخباري']},
  whatWeDontKnow: {en: ["What We Don't Know"], ar: ['ما لا نعرفه']},
  furtherReading: {
    en: ['Further Reading'],
    ar: ['لمزيد من القراءة', 'قراءة متعمقة', 'مزيد من القراءة'],
  },
}

const BY_KEY = new Map<string, SectionKind>()
for (const kind of SECTION_KINDS) {
  for (const name of [...HEADINGS[kind].en, ...HEADINGS[kind].ar]) BY_KEY.set(normalizeForMatch(name), kind)
}

/**
 * Short lines already looked up: parsing asks about a line more than once, and headings recur in
 * every file. Cleared when full, so it stays small however many files are read.
 */
const LOOKED_UP = new Map<string, SectionKind | null>()
const LOOKED_UP_MAX = 4096

/** The section kind a line announces, or null when it is not a known heading. */
export function matchHeading(line: string): SectionKind | null {
  if (line.length > 60) return null
  let kind = LOOKED_UP.get(line)
  if (kind === undefined) {
    kind = BY_KEY.get(normalizeForMatch(line)) ?? null
    if (LOOKED_UP.size >= LOOKED_UP_MAX) LOOKED_UP.clear()
    LOOKED_UP.set(line, kind)
  }
  return kind
}

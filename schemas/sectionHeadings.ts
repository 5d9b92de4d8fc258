/**
 * The Forbes section headings in English and Arabic: one vocabulary for the seed (which reads
 * them, seed/parse/headings.ts) and the Studio (which fills a section's heading from its kind).
 * Pure data and functions: the seed imports it under plain Node.
 */

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
  keyFacts: {en: ['Key Facts', 'Key Fact'], ar: ['حقائق رئيسية', 'الحقائق الرئيسية', 'حقائق أساسية', 'الحقائق الأساسية', 'أهم الحقائق']},
  crucialQuote: {en: ['Crucial Quote', 'Crucial Quotes'], ar: ['اقتباس حاسم', 'اقتباس مهم', 'الاقتباس الحاسم', 'اقتباس هام', 'اقتباس حرج']},
  bigNumber: {en: ['Big Number', 'Big Numbers'], ar: ['رقم ضخم', 'رقم كبير', 'الرقم الكبير', 'الرقم الضخم', 'عدد كبير']},
  keyBackground: {en: ['Key Background'], ar: ['الخلفية الرئيسية', 'خلفية رئيسية', 'الخلفية الأساسية', 'خلفية أساسية', 'الخلفية', 'خلفية']},
  tangent: {en: ['Tangent'], ar: ['مماس', 'استطراد', 'ظل', 'المماس', 'الاستطراد', 'الظل']},
  whatToWatchFor: {
    en: ['What To Watch For', 'What to Watch'],
    ar: [
      'ماذا تراقب',
      'ما الذي يجب مراقبته',
      'ما يجب مراقبته',
      'ما الذي يجب الانتباه إليه',
      'ما يجب الانتباه إليه',
      'ما يجب مشاهدته',
      'ما الذي يجب مشاهدته',
      'ما يجب متابعته',
      'ما الذي يجب متابعته',
    ],
  },
  surprisingFact: {en: ['Surprising Fact', 'Surprising Facts'], ar: ['حقيقة مفاجئة', 'حقيقة مدهشة', 'حقيقة مثيرة للدهشة']},
  chiefCritic: {en: ['Chief Critic'], ar: ['الناقد الرئيسي', 'كبير النقاد', 'المنتقد الرئيسي', 'أبرز المنتقدين']},
  contra: {en: ['Contra'], ar: ['على النقيض', 'مخالف', 'كونترا']},
  newsPeg: {en: ['News Peg'], ar: ['ربط الأخبار', 'وتد إخباري']},
  whatWeDontKnow: {en: ["What We Don't Know"], ar: ['ما لا نعرفه', 'ما لا نعرفه بعد', 'ما لا نعرفه حتى الآن']},
  furtherReading: {
    en: ['Further Reading'],
    ar: ['لمزيد من القراءة', 'قراءة متعمقة', 'مزيد من القراءة', 'قراءة إضافية', 'قراءات إضافية', 'مزيد من القراءات'],
  },
}

/** Every heading of the vocabulary as spelled there: a heading an editor has not made their own. */
const KNOWN_HEADINGS: ReadonlySet<string> = new Set(
  SECTION_KINDS.flatMap((kind) => [...HEADINGS[kind].en, ...HEADINGS[kind].ar]),
)

/** Languages the vocabulary has headings for. */
type HeadingLanguage = 'en' | 'ar'

function isSectionKind(kind: unknown): kind is SectionKind {
  return typeof kind === 'string' && (SECTION_KINDS as readonly string[]).includes(kind)
}

function headingLanguage(language: unknown): HeadingLanguage | undefined {
  if (typeof language !== 'string') return undefined
  const primary = language.trim().toLowerCase().split(/[-_]/)[0]
  return primary === 'en' || primary === 'ar' ? primary : undefined
}

/**
 * The heading a section of `kind` is printed with in `language` (the first of the vocabulary's
 * spellings, as the seed articles print it), or undefined for `custom`, an unknown kind, or a
 * language the vocabulary does not cover.
 */
export function defaultHeading(kind: unknown, language: unknown): string | undefined {
  const key = headingLanguage(language)
  if (!key || !isSectionKind(kind)) return undefined
  return HEADINGS[kind][key][0]
}

/**
 * What to put in a section's heading when its kind changes to `kind`: the kind's default heading,
 * unless the editor typed a heading of their own (one that is not any kind's heading in either
 * language), which is kept. Undefined means: leave the heading as it is.
 */
export function headingForKind(current: unknown, kind: unknown, language: unknown): string | undefined {
  const heading = defaultHeading(kind, language)
  if (!heading || current === heading) return undefined
  if (typeof current === 'string' && current.trim() !== '' && !KNOWN_HEADINGS.has(current.trim())) return undefined
  return heading
}

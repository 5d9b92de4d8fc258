/**
 * Word-level diff of two texts, marked as `git diff --word-diff` does (`[-removed-]{+added+}`) or
 * in colour. Right-to-left text (Arabic, Hebrew, …) is wrapped in a right-to-left isolate
 * (U+2067 … U+2069): a terminal that lays out bidirectional text shows the line right to left
 * with the markers where the words are, and one that does not shows the words in reading
 * order; either way the marked words stay whole. Pure.
 */

export interface MarkStyle {
  /** ANSI colours (red removed, green added) instead of the bracket markers. */
  color: boolean
}

const RTL_LETTERS = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/
const RLI = '\u2067'
const PDI = '\u2069'

/** True when the text has right-to-left letters. */
export function isRightToLeft(text: string): boolean {
  return RTL_LETTERS.test(text)
}

/** The text as a terminal line: wrapped in a right-to-left isolate when it has RTL letters. */
export function terminalLine(text: string): string {
  return isRightToLeft(text) ? `${RLI}${text}${PDI}` : text
}

/** `before` → `after` as one line with the changed words marked. */
export function markWordChanges(before: string, after: string, style: MarkStyle = {color: false}): string {
  const a = before.split(/(\s+)/).filter(Boolean)
  const b = after.split(/(\s+)/).filter(Boolean)
  const parts: Array<{op: '=' | '-' | '+'; text: string}> = []
  for (const [op, token] of lcsOperations(a, b)) {
    const last = parts.at(-1)
    if (last && last.op === op) last.text += token
    else parts.push({op, text: token})
  }
  return terminalLine(parts.map((part) => mark(part.op, part.text, style)).join(''))
}

/** The whole text marked as added or removed. */
export function markWhole(op: '-' | '+', text: string, style: MarkStyle = {color: false}): string {
  return terminalLine(mark(op, text, style))
}

function mark(op: '=' | '-' | '+', text: string, style: MarkStyle): string {
  if (op === '=') return text
  // Spaces at the edges stay outside the markers, so "[-word-] {+other+}" reads as words.
  const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? []
  if (core === '') return text
  if (style.color) return `${lead}${op === '-' ? '\u001b[31m' : '\u001b[32m'}${core}\u001b[0m${trail}`
  return `${lead}${op === '-' ? `[-${core}-]` : `{+${core}+}`}${trail}`
}

/** The longest common subsequence of tokens as a list of keep/remove/add steps. */
function lcsOperations(a: string[], b: string[]): Array<['=' | '-' | '+', string]> {
  const rows = a.length + 1
  const cols = b.length + 1
  const table = new Uint32Array(rows * cols)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] = a[i] === b[j] ? (table[(i + 1) * cols + j + 1] ?? 0) + 1 : Math.max(table[(i + 1) * cols + j] ?? 0, table[i * cols + j + 1] ?? 0)
    }
  }
  const steps: Array<['=' | '-' | '+', string]> = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      steps.push(['=', a[i] ?? ''])
      i++
      j++
    } else if ((table[(i + 1) * cols + j] ?? 0) >= (table[i * cols + j + 1] ?? 0)) steps.push(['-', a[i++] ?? ''])
    else steps.push(['+', b[j++] ?? ''])
  }
  while (i < a.length) steps.push(['-', a[i++] ?? ''])
  while (j < b.length) steps.push(['+', b[j++] ?? ''])
  return steps
}

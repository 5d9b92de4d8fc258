/**
 * The HTML pages of the local login provider (`login.ts`): the confirmation page with its one
 * button, and the pages that explain a refusal. Every page forbids framing (no clickjacking of
 * the button) and is never readable by other origins (`cors: false`: the handler adds no CORS
 * headers).
 */
import type {LakeResponse} from '../routeTypes.ts'

/** The confirmation button's label; the e2e login helper clicks it by this name. */
export const CONFIRM_LABEL = 'Log in'

/** The form field carrying the page's one-time token. */
export const CSRF_FIELD = 'csrf'

const SECURITY_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'",
  // Not no-referrer: the browser would then send `Origin: null` with the form, which the post refuses.
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
}

/** The page asking the editor to confirm that `origin` may log in; the form posts back to `action`. */
export function confirmPage(origin: string, action: string, csrf: string): LakeResponse {
  return htmlResponse(
    200,
    'Log in to the local Content Lake?',
    `<p><strong>${escape(origin)}</strong> asks to log in to the Content Lake on this computer ` +
      `as the local editor, who may read and change every document, drafts included.</p>` +
      `<p>Continue only if you just chose "Local Content Lake" in a Studio you opened at ` +
      `${escape(origin)}.</p>` +
      `<form method="post" action="${escape(action)}">` +
      `<input type="hidden" name="${CSRF_FIELD}" value="${escape(csrf)}">` +
      `<button type="submit">${CONFIRM_LABEL}</button></form>`,
  )
}

/** A refusal page: what went wrong and what to do, as a sentence. */
export function refusalPage(status: number, title: string, message: string): LakeResponse {
  return htmlResponse(status, title, `<p>${escape(message)}</p>`)
}

/** A 303 to `location` that no page on another origin may read. */
export function redirectTo(location: string): LakeResponse {
  return {status: 303, headers: {location, 'cache-control': 'no-store'}, body: null, cors: false}
}

function htmlResponse(status: number, title: string, body: string): LakeResponse {
  const html =
    // The empty icon spares the browser a favicon request (a 404, or a CSP report in the console).
    `<!doctype html><html lang="en"><meta charset="utf-8"><link rel="icon" href="data:,">` +
    `<title>${escape(title)}</title>` +
    `<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto">` +
    `<h1>${escape(title)}</h1>${body}</body></html>`
  return {status, headers: SECURITY_HEADERS, body: html, cors: false}
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c] ?? c)
}

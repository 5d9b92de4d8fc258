/**
 * The HTML pages of the local login provider (`login.ts`): the confirmation page with its one
 * button, and the pages that explain a refusal. Every page forbids framing (no clickjacking of
 * the button) and is never readable by other origins (no CORS headers, even when the handler
 * added them).
 */
import type {ServerResponse} from 'node:http'

import type {LakeResponse} from '../types.ts'

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

const CORS_HEADERS = ['access-control-allow-origin', 'access-control-allow-credentials', 'vary']

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
  return {
    stream(res) {
      removeCors(res)
      res.writeHead(303, {location, 'cache-control': 'no-store'})
      res.end()
    },
  }
}

function htmlResponse(status: number, title: string, body: string): LakeResponse {
  const html =
    // The empty icon spares the browser a favicon request (a 404, or a CSP report in the console).
    `<!doctype html><html lang="en"><meta charset="utf-8"><link rel="icon" href="data:,">` +
    `<title>${escape(title)}</title>` +
    `<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto">` +
    `<h1>${escape(title)}</h1>${body}</body></html>`
  return {
    stream(res) {
      removeCors(res)
      res.writeHead(status, SECURITY_HEADERS)
      res.end(html)
    },
  }
}

function removeCors(res: ServerResponse): void {
  for (const name of CORS_HEADERS) res.removeHeader(name)
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[c] ?? c)
}

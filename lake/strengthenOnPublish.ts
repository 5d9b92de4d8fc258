/**
 * Which weak references publishing makes strong: the Studio marks the references it makes in
 * drafts and versions `_weak: true` with `_strengthenOnPublish`, unless the schema wants them to
 * stay weak (`_strengthenOnPublish: {weak: true}`). One rule for the publish actions (what they
 * write) and the store's release lock (what a scheduled publish will need).
 */

/** Whether publishing makes this reference (a `{_ref, _weak, _strengthenOnPublish}` object) strong. */
export function strengthensOnPublish(reference: Record<string, unknown>): boolean {
  const mark = reference._strengthenOnPublish
  return mark !== undefined && !(typeof mark === 'object' && mark !== null && 'weak' in mark && mark.weak === true)
}

import {Button, Flex, Select, Stack, Text, TextArea} from '@sanity/ui'
import {useEffect, useState} from 'react'
import {useDocumentOperation, type DocumentActionComponent, type SanityDocument} from 'sanity'
import {CORRECTION_KINDS, today} from '../schemas/objects/correction.ts'

/** Fields the lake or the Studio write on every save: they say nothing about the content. */
const SYSTEM_FIELDS = new Set(['_id', '_rev', '_createdAt', '_updatedAt', '_system'])

/** Whether the draft's content differs from the published document's (top-level field order ignored). */
export function contentDiffers(draft: SanityDocument, published: SanityDocument): boolean {
  const content = (document: SanityDocument) =>
    JSON.stringify(
      Object.keys(document)
        .filter((key) => !SYSTEM_FIELDS.has(key))
        .sort()
        .map((key) => [key, document[key]]),
    )
  return content(draft) !== content(published)
}

const wrapped = new WeakMap<DocumentActionComponent, DocumentActionComponent>()

/**
 * Wraps the default Publish action of articles: publishing a change to an article readers have
 * already seen first offers a reader-visible correction, so the note goes out in the same
 * publish as the change it explains. The correction records the published revision it corrects.
 */
export function withCorrectionOffer(publish: DocumentActionComponent): DocumentActionComponent {
  // One wrapper per action: the Studio resolves actions again on every render, and a new
  // component each time would lose the dialog's state.
  const known = wrapped.get(publish)
  if (known) return known
  const PublishWithCorrectionOffer: DocumentActionComponent = (props) => {
    const description = publish(props)
    const {patch} = useDocumentOperation(props.id, props.type)
    const [open, setOpen] = useState(false)
    const [kind, setKind] = useState(CORRECTION_KINDS[0]?.value ?? 'correction')
    const [text, setText] = useState('')
    // The key of the correction just added: publish once the draft holds it, so the default
    // action publishes the patched draft (it waits for the save and the validation itself).
    const [pendingKey, setPendingKey] = useState<string | null>(null)
    const {draft, published, version} = props

    const corrections: unknown = draft?.corrections
    const added = pendingKey !== null && Array.isArray(corrections) && corrections.some((item) => item?._key === pendingKey)
    useEffect(() => {
      if (!added) return
      setPendingKey(null)
      description?.onHandle?.()
    }, [added, description])

    if (!description || version || !draft || !published || !contentDiffers(draft, published)) return description

    const publishWithout = () => {
      setOpen(false)
      description.onHandle?.()
    }
    const publishWith = () => {
      const key = crypto.randomUUID().replaceAll('-', '').slice(0, 12)
      const item = {_key: key, _type: 'correction', date: today(), kind, text: text.trim(), revision: published._rev}
      patch.execute([{setIfMissing: {corrections: []}}, {insert: {after: 'corrections[-1]', items: [item]}}])
      setOpen(false)
      setText('')
      setPendingKey(key)
    }

    return {
      ...description,
      disabled: description.disabled || pendingKey !== null,
      onHandle: () => setOpen(true),
      dialog: open && {
        type: 'dialog',
        header: 'Add a correction for readers?',
        onClose: () => setOpen(false),
        content: (
          <Stack gap={4}>
            <Text size={1} muted>
              This article is already published. Readers see a correction at the end of the article, dated today.
            </Text>
            <Select aria-label="Kind" value={kind} onChange={(event) => setKind(event.currentTarget.value)}>
              {CORRECTION_KINDS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.title}
                </option>
              ))}
            </Select>
            <TextArea
              aria-label="Correction text"
              rows={3}
              dir="auto"
              placeholder="Say what was wrong and what is right now."
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
            />
            <Flex gap={2} justify="flex-end">
              <Button mode="ghost" text="Publish without" onClick={publishWithout} />
              <Button tone="primary" text="Publish with a correction" disabled={!text.trim()} onClick={publishWith} />
            </Flex>
          </Stack>
        ),
      },
    }
  }
  PublishWithCorrectionOffer.action = 'publish'
  PublishWithCorrectionOffer.displayName = 'PublishWithCorrectionOffer'
  wrapped.set(publish, PublishWithCorrectionOffer)
  return PublishWithCorrectionOffer
}

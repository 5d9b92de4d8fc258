/** The few RFC 6455 frames the presence socket reads and writes. */

/** A frame read from a client: its opcode, unmasked payload and size on the wire. */
export interface Frame {
  opcode: number
  payload: Buffer
  /** Bytes the frame took, header included. */
  length: number
}

/** A ping with no payload; browsers answer it with a pong without involving the page. */
export const PING_FRAME = Buffer.from([0x89, 0x00])

/**
 * The first complete frame at the start of `bytes`, or null while it is incomplete. Client
 * frames are masked (RFC 6455 §5.3); the payload comes back unmasked.
 */
export function readFrame(bytes: Buffer): Frame | null {
  if (bytes.length < 2) return null
  const opcode = (bytes[0] ?? 0) & 0x0f
  const masked = ((bytes[1] ?? 0) & 0x80) !== 0
  let size = (bytes[1] ?? 0) & 0x7f
  let offset = 2
  if (size === 126) {
    if (bytes.length < 4) return null
    size = bytes.readUInt16BE(2)
    offset = 4
  } else if (size === 127) {
    if (bytes.length < 10) return null
    size = Number(bytes.readBigUInt64BE(2))
    offset = 10
  }
  const mask = masked ? bytes.subarray(offset, offset + 4) : null
  if (masked) offset += 4
  if (bytes.length < offset + size) return null
  const payload = Buffer.from(bytes.subarray(offset, offset + size))
  if (mask) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0)
  return {opcode, payload, length: offset + size}
}

/** A close frame with a status code and a short reason (at most 123 bytes, as the RFC allows). */
export function closeFrame(code: number, reason: string): Buffer {
  const text = Buffer.from(reason).subarray(0, 123)
  const frame = Buffer.alloc(4 + text.length)
  frame[0] = 0x88
  frame[1] = 2 + text.length
  frame.writeUInt16BE(code, 2)
  text.copy(frame, 4)
  return frame
}

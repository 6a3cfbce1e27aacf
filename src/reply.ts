/** What a command answers: plain text, or a card with its plain-text rendering (logs, console, summary). */
export type Reply =
  | { kind: 'text'; text: string }
  | { kind: 'card'; card: object; text: string }

export const text = (t: string): Reply => ({ kind: 'text', text: t })

/**
 * A mistake the user can fix (bad arguments, unknown village, no permission). The router turns it into a
 * friendly reply; anything else thrown inside a command is a bug and gets a reference id instead.
 */
export class UserError extends Error {
  constructor(message: string, readonly opts: { showUsage?: boolean } = {}) {
    super(message)
  }
}

/** Lark's outgoing message fields for a reply. */
export function toLarkMessage(reply: Reply): { msgType: 'text' | 'interactive'; content: string } {
  return reply.kind === 'text'
    ? { msgType: 'text', content: JSON.stringify({ text: reply.text }) }
    : { msgType: 'interactive', content: JSON.stringify(reply.card) }
}

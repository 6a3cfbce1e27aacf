/**
 * What a card's callback value says about the record it acts on. It is an opaque reference, never the
 * text shown on the card: display text is masked in group chats, and a masked household code in a form's
 * value made every group-chat submit answer "没有找到户". Nothing in the chain rewrites these
 * (src/privacy/reply-guard.ts leaves callback values alone); the opaque form makes sure nothing could.
 * The action re-checks the operator's rights on what the reference names, like any user input.
 */
const HOUSEHOLD = 'h1.'

export const householdRef = (code: string) => `${HOUSEHOLD}${Buffer.from(code, 'utf8').toString('base64url')}`

/** The household code a callback value refers to; '' when it refers to none. */
export function householdCodeOf(value: Record<string, unknown>): string {
  const ref = value.ref
  if (typeof ref === 'string' && ref.startsWith(HOUSEHOLD)) return Buffer.from(ref.slice(HOUSEHOLD.length), 'base64url').toString('utf8')
  // Cards posted before references existed carry the code itself; in a direct chat it is intact.
  return typeof value.household === 'string' ? value.household : ''
}

const DRAWN = 's1.'

/** A household of a spot-check draw, for the 复核 form on the draw's card. */
export const drawnRef = (drawId: number, code: string) => `${DRAWN}${drawId}.${Buffer.from(code, 'utf8').toString('base64url')}`

/** The draw and household a callback value refers to; null when it refers to none. */
export function drawnOf(value: Record<string, unknown>): { drawId: number; householdCode: string } | null {
  const m = typeof value.ref === 'string' ? /^s1\.(\d{1,9})\.([A-Za-z0-9_-]{1,200})$/.exec(value.ref) : null
  return m ? { drawId: Number(m[1]), householdCode: Buffer.from(m[2]!, 'base64url').toString('utf8') } : null
}

const VILLAGE = 'v1.'

/** A village, for the report form (/村 上报) and its village choice. */
export const villageRef = (code: string) => `${VILLAGE}${Buffer.from(code, 'utf8').toString('base64url')}`

/** The village code a reference names; '' when it names none. */
export function villageCodeOf(ref: unknown): string {
  return typeof ref === 'string' && /^v1\.[A-Za-z0-9_-]{1,200}$/.test(ref) ? Buffer.from(ref.slice(VILLAGE.length), 'base64url').toString('utf8') : ''
}

/** What a report is about, as an option of the report form's select: a task by its code, or a standard item. */
export const taskRef = (code: string) => `t1.${Buffer.from(code, 'utf8').toString('base64url')}`
export const itemRef = (item: string) => `i1.${Buffer.from(item, 'utf8').toString('base64url')}`

/** The task or item an option names; null when it names neither. */
export function reportTargetOf(ref: unknown): { kind: 'task' | 'item'; word: string } | null {
  const m = typeof ref === 'string' ? /^([ti])1\.([A-Za-z0-9_-]{1,200})$/.exec(ref) : null
  return m ? { kind: m[1] === 't' ? 'task' : 'item', word: Buffer.from(m[2]!, 'base64url').toString('utf8') } : null
}

import type { Deps } from '../deps'
import type { HouseholdRef, VillageRef } from '../../db/repos/lookup'
import { householdSixiao, type SixiaoLine } from './sixiao'
import { parseSixiaoKind, SIXIAO_KINDS, type SixiaoKind } from '../domain/sixiao-ledger'
import { normalizeText } from '../text'
import { UserError } from '../reply'

export interface SixiaoInput {
  kind: SixiaoKind
  content: string
  scale: string | null
  /** Builds a "四小" park: what earns a non-poor household its subsidy (`园区=是`). */
  park: boolean
  visitedOn: string
}

export const MAX_CONTENT = 50
export const MAX_SCALE = 30

// What a project's content and scale may contain: letters (any script), digits and the punctuation people
// use for quantities. Everything else — markup, @-mentions, quotes, emoji — is refused rather than escaped,
// so whatever is stored can be shown in a text reply, a card and a spreadsheet as it is.
const ALLOWED = /^[\p{L}\p{M}\p{N} ·・、，,.。()（）\-—+/%×~]+$/u

/** A project's content or scale as typed (command word or form input). */
export function projectText(raw: string, what: '内容' | '规模', max: number): string {
  const s = normalizeText(raw)
  if (s === '') throw new UserError(`请写项目${what}。`)
  if ([...s].length > max) throw new UserError(`项目${what}太长了（${[...s].length} 字），请控制在 ${max} 字以内。`)
  if (!ALLOWED.test(s)) throw new UserError(`项目${what}「${[...s].slice(0, 12).join('').replace(/[^\p{L}\p{N}]/gu, '?')}…」含有不支持的符号，请只用文字、数字和常用标点。`)
  return s
}

export function kindOf(raw: string): SixiaoKind {
  const k = parseSixiaoKind(normalizeText(raw))
  if (!k) throw new UserError(`项目类别「${[...raw].slice(0, 10).join('')}」不对，应为 ${SIXIAO_KINDS.join('/')} 之一。`)
  return k
}

/** `园区=是/否`; absent = 否. */
export function parkOf(raw: string | undefined): boolean {
  if (raw === undefined) return false
  const v = normalizeText(raw)
  if (['是', '有', '√', '1'].includes(v)) return true
  if (['否', '无', '×', '0', ''].includes(v)) return false
  throw new UserError(`园区=「${[...raw].slice(0, 10).join('')}」看不懂，请写 园区=是（建成"四小"产业园）或 园区=否。`)
}

/**
 * Stores a "四小" project (command or card form) and returns it with its derived subsidy. The household's
 * size is kept with the project (a later change of 家庭人口 must not change a past subsidy); the status is
 * read from the history on the project date whenever the ledger is read.
 */
export function recordSixiao(
  deps: Deps, who: { openId: string; memberId: number | null }, at: Date,
  target: { household: HouseholdRef; village: VillageRef }, input: SixiaoInput, sourceMessageId: string | null,
): { id: number; line: SixiaoLine } {
  const id = deps.records.addSixiao({
    kind: 'sixiao', townshipCode: target.village.townshipCode, villageCode: target.village.code,
    authorOpenId: who.openId, authorMemberId: who.memberId, createdAt: at.getTime(), visitedOn: input.visitedOn,
    sourceMessageId, note: null,
  }, { householdCode: target.household.code, kind: input.kind, content: input.content, scale: input.scale, park: input.park, persons: target.household.size })
  deps.audit.record({ at: at.getTime(), actor: who.openId, action: 'sixiao.add', target: `record:${id}` })
  const line = householdSixiao(deps, target.household.code, Number(input.visitedOn.slice(0, 4))).find((l) => l.id === id)
  if (!line) throw new Error(`sixiao record ${id} not readable after insert`)
  return { id, line }
}

/** The subsidy in words: '当年脱贫户 1000元/人 × 4人 = 4000 元', or '0 元（reason；rule）'. */
export function amountText(l: Pick<SixiaoLine, 'amount' | 'rule' | 'reason' | 'ratesYear' | 'visitedOn'>): string {
  const year = Number(l.visitedOn.slice(0, 4))
  const borrowed = l.ratesYear !== year ? `（${year} 年未配置标准，按 ${l.ratesYear} 年标准）` : ''
  return l.amount > 0 ? `${l.rule} = ${l.amount} 元${borrowed}` : `0 元（${l.reason ?? '不予奖补'}；规则：${l.rule}）${borrowed}`
}

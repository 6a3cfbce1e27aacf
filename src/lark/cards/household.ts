import type { HouseholdView } from '../../views/household'
import { SIX_ITEMS } from '../../domain/standards'
import { maskIdNumber, maskName } from '../../privacy/mask'
import { card, columns, escapeMd, hr, md, type Element } from './kit'
import { householdRef } from './refs'
import { checkForm } from './check-form'

const mark = (met: boolean | null) => (met === null ? '⚪ 未核查' : met ? '✅ 达标' : '❌ 不达标')

/**
 * `/户 核查 <户>`: the household and its 一超六有 checklist, with a form to record a new check.
 * The name is masked unless `direct` (a direct chat); the ID number is always masked.
 */
export function householdCard(v: HouseholdView, o: { direct: boolean; today: string; withForm: boolean }): object {
  const h = v.household
  const s = v.standard
  const name = o.direct ? h.headName : maskName(h.headName)
  const incomeLine = s.incomeOk === null ? '⚪ 未核查' : `${s.incomeOk ? '✅' : '❌'} ${v.income} 元/人·年（标准 ${s.line}）`
  const elements: Element[] = [
    columns([
      `**户编号**\n${escapeMd(h.code)}`,
      `**户主**\n${escapeMd(name)}`,
      `**证件号码**\n${h.idNumber ? escapeMd(maskIdNumber(h.idNumber)) : '—'}`,
    ]),
    columns([
      `**家庭人口**\n${h.size} 人`,
      `**属性**\n${h.attribute ?? '—'}`,
      `**状态**\n${h.status}${h.exitYear ? `（${h.exitYear}）` : ''}`,
    ]),
    hr(),
    md([
      `**户"一超六有"**：${s.meets ? '✅ 达标' : `❌ 未达标（${s.missing.join('、')}）`}`,
      `收入：${incomeLine}`,
      ...SIX_ITEMS.map((i) => `${i}：${mark(s.items[i])}`),
      v.lastCheckedOn ? `<font color='grey'>最近核查 ${v.lastCheckedOn}</font>` : `<font color='grey'>尚无核查记录</font>`,
    ].join('\n')),
  ]
  if (o.withForm) {
    elements.push(hr(), checkForm({
      name: 'check', heading: '**录入新的核查**（只填核查过的项）', submit: '提交核查', today: o.today,
      value: { action: 'household-check', ref: householdRef(h.code) },
    }))
  }
  return card({
    title: `${v.village.name} · 户核查 ${h.code}`,
    subtitle: `${v.village.townshipName} · ${v.village.zoneName}`,
    template: s.meets ? 'green' : 'orange',
    elements,
  })
}

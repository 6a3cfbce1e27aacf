import type { ReportChoice } from '../../views/report-choices'
import { card, escapeMd, md, type Element } from './kit'

const plain = (content: string) => ({ tag: 'plain_text', content })

/**
 * The report form (/村 上报, the menu's 上报, a reminder's 上报 button): what to report on, the figure, the
 * visit date and a remark. Submitted to the `village-report` action with the village as an opaque
 * reference; the select's values are references too (src/lark/cards/refs.ts), so nothing on the card that
 * a group chat masks is read back. Fields: `target`, `progress`, `date`, `note`.
 */
export function reportFormCard(o: {
  villageRef: string; title: string; choices: ReportChoice[]; today: string; focus?: string | null; lines: string[]
}): object {
  const focus = o.choices.find((c) => c.taskCode !== null && c.taskCode === o.focus)
  const unit = focus ? focus.unit : null
  const form: Element = {
    tag: 'form',
    name: 'report',
    elements: [
      {
        tag: 'select_static', name: 'target', required: true, width: 'fill', placeholder: plain('选择要上报的任务或一低五有事项'),
        options: o.choices.map((c) => ({ text: plain(c.label), value: c.ref })),
        ...(focus ? { initial_option: focus.ref } : {}),
      },
      {
        tag: 'input', name: 'progress', required: true, max_length: 40,
        placeholder: plain(focus ? (unit ? `进度（${unit}），如 已完成数/目标数 或 80%` : '进度，如 80% 或 完成') : '进度，如 12/15、80%、完成（单位见所选事项）'),
      },
      { tag: 'date_picker', name: 'date', placeholder: plain('走访日期'), initial_date: o.today },
      { tag: 'input', name: 'note', placeholder: plain('备注（可不填）'), max_length: 200 },
      { tag: 'button', name: 'submit', type: 'primary', text: plain('提交上报'), form_action_type: 'submit', behaviors: [{ type: 'callback', value: { action: 'village-report', ref: o.villageRef } }] },
    ],
  }
  return card({ title: o.title, template: 'blue', elements: [...o.lines.map((l) => md(escapeMd(l))), form] })
}

/** For those who report for several villages: pick one, then the form for it replaces this card. */
export function villagePickCard(villages: { ref: string; label: string }[]): object {
  return card({
    title: '上报 · 选择村',
    template: 'blue',
    elements: [
      md('请选择要上报的村，也可以直接发送 /村 上报 <村名>。'),
      {
        tag: 'form',
        name: 'pick',
        elements: [
          { tag: 'select_static', name: 'village', required: true, width: 'fill', placeholder: plain('选择村'), options: villages.map((v) => ({ text: plain(v.label), value: v.ref })) },
          { tag: 'button', name: 'next', type: 'primary', text: plain('下一步'), form_action_type: 'submit', behaviors: [{ type: 'callback', value: { action: 'report-pick-village' } }] },
        ],
      },
    ],
  })
}

import { SIX_ITEMS } from '../../domain/standards'
import { md, type Element } from './kit'

const plain = (content: string) => ({ tag: 'plain_text', content })
const yesNo = [{ text: plain('达标'), value: '是' }, { text: plain('不达标'), value: '否' }]

/**
 * The form that records a household check — on the household card (/户 核查) and, once per household, on
 * a spot-check draw's card (/复核). Both are read back by one parser (commands/check-input.ts): fields
 * `income`, `item_0`…`item_5` in SIX_ITEMS order, `date`, and `note` when `remark` is set.
 */
export function checkForm(o: { name: string; heading: string; submit: string; value: Record<string, string>; today: string; remark?: boolean }): Element {
  return {
    tag: 'form',
    name: o.name,
    elements: [
      md(o.heading),
      { tag: 'input', name: 'income', placeholder: plain('人均纯收入（元/人·年）'), label: plain('收入'), max_length: 12 },
      ...SIX_ITEMS.map((item, i) => ({ tag: 'select_static', name: `item_${i}`, placeholder: plain(item), options: yesNo })),
      { tag: 'date_picker', name: 'date', placeholder: plain('走访日期'), initial_date: o.today },
      ...(o.remark ? [{ tag: 'input', name: 'note', placeholder: plain('备注（可不填）'), max_length: 200 }] : []),
      { tag: 'button', name: 'submit', type: 'primary', text: plain(o.submit), form_action_type: 'submit', behaviors: [{ type: 'callback', value: o.value }] },
    ],
  }
}

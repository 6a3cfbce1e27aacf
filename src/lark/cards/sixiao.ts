import type { HouseholdRef, VillageRef } from '../../../db/repos/lookup'
import type { SixiaoLine, VillageLedger } from '../../views/sixiao'
import { SIXIAO_KINDS, SIXIAO_SUGGESTIONS } from '../../domain/sixiao-ledger'
import { amountText, MAX_CONTENT, MAX_SCALE } from '../../views/sixiao-record'
import { STATUSES } from '../../views/sixiao'
import { maskName } from '../../privacy/mask'
import { card, columns, escapeMd, hr, md, pct, type Element } from './kit'
import { householdRef } from './refs'
import { UserError } from '../../reply'

const plain = (content: string) => ({ tag: 'plain_text', content })
/** Per page: projects, and households without one. Both lists page together (`/村 四小 <村> 第 N 页`). */
const PROJECTS_PER_PAGE = 15
const WITHOUT_PER_PAGE = 40

const projectLine = (l: SixiaoLine) =>
  `#${l.id} ${l.visitedOn} ${l.kind}·${escapeMd(l.content)}${l.scale ? ` ${escapeMd(l.scale)}` : ''}${l.park ? '（产业园）' : ''}`

/**
 * `/户 四小 <户>`: the household's "四小" projects this year with their subsidies, and (for those who may
 * record) a form whose submit goes to the `sixiao-add` card action. The name is masked unless `direct`.
 */
export function sixiaoHouseholdCard(
  v: { household: HouseholdRef; village: VillageRef; year: number; lines: SixiaoLine[]; rateHint: string },
  o: { direct: boolean; today: string; withForm: boolean },
): object {
  const h = v.household
  const paid = v.lines.reduce((n, l) => n + l.amount, 0)
  const elements: Element[] = [
    columns([`**户编号**\n${escapeMd(h.code)}`, `**户主**\n${escapeMd(o.direct ? h.headName : maskName(h.headName))}`, `**家庭人口**\n${h.size} 人`]),
    columns([`**状态**\n${h.status}`, `**${v.year} 年项目**\n${v.lines.length} 项`, `**奖补**\n${paid} 元`]),
    md(v.lines.length
      ? v.lines.map((l) => `${projectLine(l)}\n　${escapeMd(amountText(l))}`).join('\n')
      : `<font color='grey'>${v.year} 年尚无"四小"项目</font>`),
    md(`<font color='grey'>${escapeMd(v.rateHint)}</font>`),
  ]
  if (o.withForm) elements.push(hr(), projectForm(h, o.today))
  return card({
    title: `${v.village.name} · "四小"项目 ${h.code}`,
    subtitle: `${v.village.townshipName} · ${v.village.zoneName}`,
    template: paid > 0 ? 'green' : 'blue',
    elements,
  })
}

function projectForm(h: HouseholdRef, today: string): Element {
  return {
    tag: 'form',
    name: 'sixiao',
    elements: [
      md('**录入"四小"项目**（内容可从推荐产业中选，或直接填写）'),
      { tag: 'select_static', name: 'kind', placeholder: plain('类别：种植/养殖/加工/经营'), options: SIXIAO_KINDS.map((k) => ({ text: plain(`小${k}`), value: k })) },
      {
        tag: 'select_static', name: 'suggestion', placeholder: plain('推荐产业（可选）'),
        options: SIXIAO_SUGGESTIONS.map((s) => ({ text: plain(`${s.content}（${s.kind}）`), value: s.content })),
      },
      { tag: 'input', name: 'content', placeholder: plain('项目内容，例如 南江黄羊'), label: plain('内容'), max_length: MAX_CONTENT },
      { tag: 'input', name: 'scale', placeholder: plain('规模，例如 5只、2亩（可选）'), label: plain('规模'), max_length: MAX_SCALE },
      ...(h.status === '非贫困户'
        ? [{ tag: 'select_static', name: 'park', placeholder: plain('是否建成"四小"产业园'), options: [{ text: plain('是，建成产业园'), value: '是' }, { text: plain('否'), value: '否' }] }]
        : []),
      { tag: 'date_picker', name: 'date', placeholder: plain('项目日期'), initial_date: today },
      {
        tag: 'button', name: 'submit', type: 'primary', text: plain('提交项目'), form_action_type: 'submit',
        behaviors: [{ type: 'callback', value: { action: 'sixiao-add', ref: householdRef(h.code) } }],
      },
    ],
  }
}

/**
 * `/村 四小`: the village ledger — households with and without a project by status, projects by kind, total.
 * The two lists (projects, latest first; households without one) are read a page at a time; a page that
 * does not end them names the command for the next (`command(n)`).
 */
export function sixiaoLedgerCard(l: VillageLedger, o: { direct: boolean; page?: number; command: (page: number) => string }): object {
  const t = l.totals
  const name = (n: string) => escapeMd(o.direct ? n : maskName(n))
  const elements: Element[] = [
    columns([`**有项目的户**\n${t.withProject}/${t.households}（${pct(t.withProject, t.households)}）`, `**项目**\n${t.projects} 项`, `**奖补合计**\n${t.amount} 元`]),
    md(['**按户状态**（当前户籍状态；奖补按项目日期的状态计算）', ...STATUSES.filter((s) => t.byStatus[s].households > 0 || t.byStatus[s].withProject > 0).map((s) => {
      const b = t.byStatus[s]
      return `${s}：${b.households} 户，有项目 ${b.withProject} 户，无项目 ${Math.max(0, b.households - b.withProject)} 户，奖补 ${b.amount} 元`
    })].join('\n')),
    md(`**按类别** ${SIXIAO_KINDS.map((k) => `${k} ${t.byKind[k]}`).join(' · ')}`),
  ]
  const page = o.page ?? 1
  const pages = Math.max(1, Math.ceil(l.lines.length / PROJECTS_PER_PAGE), Math.ceil(l.without.length / WITHOUT_PER_PAGE))
  if (page > pages) throw new UserError(`只有 ${pages} 页，没有第 ${page} 页。`, { showUsage: false })
  const projects = [...l.lines].reverse().slice((page - 1) * PROJECTS_PER_PAGE, page * PROJECTS_PER_PAGE)
  const without = l.without.slice((page - 1) * WITHOUT_PER_PAGE, page * WITHOUT_PER_PAGE)
  if (projects.length > 0) {
    elements.push(hr(), md([`**项目**（${l.lines.length} 项，最近录入的在前）`, ...projects.map((p) =>
      `${projectLine(p)} ${escapeMd(p.householdCode)} ${name(p.headName)}　**${p.amount} 元**${p.amount === 0 && p.reason ? `　<font color='grey'>${escapeMd(p.reason)}</font>` : ''}`)].join('\n')))
  }
  if (without.length > 0) {
    elements.push(md([`**尚无项目的户**（${l.without.length} 户）`,
      without.map((h) => `${escapeMd(h.code)} ${name(h.headName)}（${h.status}）`).join('、')].join('\n')))
  }
  if (pages > 1) {
    elements.push(md(`<font color='grey'>第 ${page}/${pages} 页。${page < pages ? `下一页：${escapeMd(o.command(page + 1))}` : `已到最后一页。第一页：${escapeMd(o.command(1))}`}</font>`))
  }
  return card({
    title: `${l.village.townshipName}${l.village.name} · "四小"项目 ${l.year} 年`,
    subtitle: l.village.zoneName,
    template: t.households > 0 && t.withProject === t.households ? 'green' : 'blue',
    elements,
  })
}

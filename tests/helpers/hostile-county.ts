/**
 * A county whose every name is card markup: what an imported registry can hold (names are free text of up
 * to 100 characters, titles 200). People, phones and ID numbers are made up.
 */

/**
 * Every construct card markdown knows, at once: bold, a link, an @all, code, italics, a strikethrough, a
 * heading, a table bar, an emoji code, a dollar, a backslash before an entity, a text-message style tag.
 * `tag`, the link's text, tells the fields apart, so a test can say which name it found.
 */
export const hostile = (tag: string) =>
  `**注入**[${tag}](http://evil.example)<at id=all></at>\`码\`_斜_~~删~~#|:OK:$\\&#42;<b>粗</b>`

/** A hostile name that can still be typed back in a command (one word, at most 30 characters): a township's. */
export const TYPEABLE_HOSTILE = '**乡**[点](http://e.cn)'

/** Pieces of the hostile names that may never stand raw in card markdown: each would render as markup. */
const RAW_MARKUP = ['**注入**', '**乡**', '](', 'http://', '<at id=all', '`', '_斜_', '~~', ':OK:', '#|', '\\&#42;', '<b>']

/** Every markdown text in a card or message, wherever it is nested; a card's callback values are not text. */
export function markdownOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => markdownOf(n, out))
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>
    if ((o.tag === 'markdown' || o.tag === 'lark_md') && typeof o.content === 'string') out.push(o.content)
    for (const [k, v] of Object.entries(o)) if (k !== 'behaviors' && k !== 'value') markdownOf(v, out)
  }
  return out
}

/** What a name left as markup in these markdown texts: raw pieces of it, and any mention but one person's. */
export function markupFromNames(markdown: string[]): string[] {
  const mentions = markdown.join('\n').match(/<at [^>]*>/g) ?? []
  return [...RAW_MARKUP.filter((piece) => markdown.some((m) => m.includes(piece))), ...mentions.filter((at) => !/^<at id=ou_\w+>$/.test(at))]
}

/** Markdown as Feishu shows it, as far as names go: the entities read back. */
export const decodeEntities = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))

export const NAMES = {
  zone: hostile('战区'), township: hostile('乡'), village: hostile('村'), head: hostile('户主'), helper: hostile('帮扶'),
  secretary: hostile('书记'), townshipTask: hostile('乡事项'),
  /** Shown for a task nobody owns; a mobile number in it is masked in a group chat, written with dashes or not. */
  unit: `${hostile('单位')} 电话 138-1234-5678`,
  title: (i: number) => hostile(`事项${i}`),
  /** Markup only where a line starts: a list item, an ordered list. */
  listVillage: '1. 列表村', listHead: '- 列表户主',
} as const

export const CODES = {
  township: '511922204', village: '511922204207', listVillage: '511922204201',
  household: '5119222042070001', listHousehold: '5119222042070002',
  task: (i: number) => `RW_2018_${String(i).padStart(2, '0')}`, townshipTask: 'RW_2018_T1',
} as const

/** The first 第一书记 (open_id ou_owner1) owns the village's tasks; the commander is not linked to Feishu. */
export const OPEN_IDS = { secretary: 'ou_owner1', commander: '', admin: 'ou_admin_1' } as const

/** "Today" of the hostile county: a working Friday, noon in Nanjiang. */
export const HOSTILE_NOW = new Date('2018-06-15T04:00:00Z')

/** 13 village tasks (one more than the village card lists): overdue, due soon and later, owned or not. */
const VILLAGE_TASKS = 13

const csv = (cells: Array<string | number>) => cells.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')

/** The registry as CSV lines per sheet (header first), every field quoted the way spreadsheet tools write it. */
export function hostileSheets(): Record<string, string[]> {
  const task = (i: number) => [CODES.task(i), '村社责任', '安全住房', NAMES.title(i), CODES.village, '', NAMES.unit,
    i % 2 ? '13890001234' : '', i % 3 ? 12 : '', i % 3 ? '户' : '', '2018-03-01', i <= 4 ? '2018-05-31' : i <= 6 ? '2018-06-18' : '2018-09-30']
  return {
    战区: ['战区名称*,指挥长姓名,指挥长手机', csv([NAMES.zone, '张建国', '13900001111'])],
    乡镇: ['乡镇代码*,乡镇名称*,类型,所属战区*', csv([CODES.township, NAMES.township, '乡', NAMES.zone])],
    村: [
      '村代码*,村名称*,所属乡镇代码*,类别*,计划脱贫年度,总户数*,农业人口*,贫困人口*',
      csv([CODES.village, NAMES.village, CODES.township, '预脱贫村', 2018, 326, 1150, 86]),
      csv([CODES.listVillage, NAMES.listVillage, CODES.township, '已脱贫村', '', 280, 900, 12]),
    ],
    户: [
      '户编号*,村代码*,户主姓名*,证件号码,家庭人口*,贫困户属性,脱贫状态*,脱贫年度,帮扶责任人,联系电话',
      csv([CODES.household, CODES.village, NAMES.head, '511922196803120213', 4, '一般贫困户', '当年脱贫', 2018, NAMES.helper, '13700001234']),
      csv([CODES.listHousehold, CODES.village, NAMES.listHead, '', 2, '低保贫困户', '未脱贫', '', '', '']),
    ],
    成员: [
      '姓名*,手机*,角色*,所属战区,所属乡镇代码,所属村代码,飞书open_id',
      csv([NAMES.secretary, '13890001234', '第一书记', '', '', CODES.village, OPEN_IDS.secretary]),
      csv(['赵志强', '13890005678', '乡镇干部', '', CODES.township, '', '']),
      csv(['张建国', '13900001111', '指挥长', NAMES.zone, '', '', OPEN_IDS.commander]),
      csv(['陈管理', '13600000001', '管理员', '', '', '', OPEN_IDS.admin]),
    ],
    任务: [
      '任务编号*,清单*,类别*,事项*,村代码,乡镇代码,责任单位,责任人手机,目标数量,单位,开始日期,截止日期*',
      ...Array.from({ length: VILLAGE_TASKS }, (_, i) => csv(task(i + 1))),
      csv([CODES.townshipTask, '乡镇主体', '公共服务', NAMES.townshipTask, '', CODES.township, NAMES.unit, '13890005678', '', '', '2018-01-15', '2018-05-31']),
    ],
  }
}

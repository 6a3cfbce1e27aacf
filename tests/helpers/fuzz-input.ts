import { commands } from '../../commands/index'
import { PEOPLE } from './fixture'
import { EXTRA_PEOPLE, prng } from './reliability-fixture'
import { ID_NUMBERS } from './personal-data'

/**
 * Hostile chat input for the fuzz tests: command words (right, misspelt, run together), the fixture's
 * names and numbers, and everything people paste by accident or on purpose — SQL and shell
 * metacharacters, control and zero-width characters, bidi marks, emoji (also broken surrogates), Lark
 * mention markup, 10,000-character arguments, impossible dates and numbers.
 */
export const HOSTILE = [
  `'; DROP TABLE records; --`, `" OR 1=1 --`, `' OR '1'='1`, `1; DELETE FROM members`, `%`, `_`, `%_%`, `\\`, `'`, `"`, '`',
  '$(rm -rf /)', '`id`', '; ls -la', '| cat /etc/passwd', '&& reboot', '> /dev/sda', '${PATH}', '$HOME', '*', '~', '../../etc/passwd',
  '\u0000', '\u0007', '\u001b[31m', '\r\n', '\t', '\u0085', '\u2028', '\u2029', '\u007f',
  '\u200b', '\u200c', '\u200d', '\ufeff', '\u2060', '\u00ad', '红\u200b岩洞村', 'H\u200d001',
  '\u202e', '\u200f', '\u061c', '\u202e村 上报\u202c', '\u2066x\u2069',
  '😀', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇨🇳', '\ud800', '\udfff', '\ud83d', 'e\u0301', 'Ａ', '０１２３',
  '<at user_id="all"></at>', '<at id=all></at>', '@_all', '@_user_1', '[x](http://evil.example)', '**粗体**', '<b>x</b>', '<script>alert(1)</script>',
  '{"text":"x"}', '"}]}', '\\u0000', '%s%s%s%n', '{{7*7}}', '#{1}', 'null', 'undefined', 'NaN', 'Infinity', '-0', '__proto__', 'constructor',
  '=', '==', '日期=', '=是', '备注=', 'x'.repeat(201), '长'.repeat(10_000), 'a'.repeat(10_000), '1'.repeat(10_000), '😀'.repeat(3000),
]
export const DATES = [
  '2018-06-15', '2018-06-01', '2018-6-1', '2018-02-29', '2018-02-30', '2016-02-29', '2018-13-01', '2018-00-10', '2018-06-31',
  '2018-06-16', '2099-01-01', '1900-01-01', '0000-00-00', '9999-99-99', '2018/06/01', '２０１８－０６－０１', '2018-06-01T00:00', '20180601',
  '-2018-01-01', '2018-06-15 ', '昨天',
]
export const NUMBERS = [
  '12/15', '15/15', '80%', '100%', '150%', '-5%', '完成', '已完成', '未开工', '32000', '3.2万', '3.2万元', '0', '-1', '1e309', '1e-309',
  'NaN', '0/0', '15/0', '16/15', '-3/15', '999999999999999999999', '0.0000001', '12／15', '８０％', '1,000', '三万', '#1', '#0', '1', '7',
  '99999999999', '123456789012', '#-1', '2018-05', '2018-Q2', '2018-Q5', '2018-13', '2018年5月', '3', '30', '31', '00',
]
export const NAMES = [
  '红岩洞村', '红岩洞', '团结乡红岩洞村', '红岩洞村@团结乡', '南江镇红岩洞村', 'V001', 'V002', 'V003', 'V004', 'V999', '周山村', '惠民村',
  '惠民', '不存在村', '团结乡', '南江镇', '红四乡', '第一战区', '第二战区', '第一', '全县', '县指挥部',
  'H001', 'H002', 'H003', 'H004', 'H005', 'H999', '何桂英', '何桂英@红岩洞村', '何桂英@团结乡红岩洞村', '李明', '王五', '周大', '李明@惠民村',
  ...ID_NUMBERS, 'T001', 'T002', 'T003', 'T004', 'T999', '通村道路硬化', '卫生室', '集体经济', '硬化路', '文化室', '通信网络', '卫生室建设', '道路',
  '何伟', '钱队员', '种植', '养殖', '加工', '经营', '南江黄羊', '核桃', '5只', '3亩', '我的', '大屏', '撤销',
]
export const NAMED = [
  '日期', '备注', '收入', '住房', '饮水', '用电', '广电', '教育', '医疗', '年度', '园区', '体重', '',
]
export const YESNO = ['是', '否', '达标', '不达标', '√', '×', '有', '无', '也许', '', '1', 'true', 'DROP TABLE']

const WORDS: string[][] = commands.flatMap((c) => [c.path, ...(c.aliases ?? [])])
const MISSPELT = ['帮主', '村 进渡', '村进度', '村上报', '户核查', '上报', '战区进度', '撤消', 'help', 'HELP', '村', '户', '任务完成', '排 名', '']

export const ACTORS = [
  ...Object.values(PEOPLE), ...Object.values(EXTRA_PEOPLE), 'ou_env_admin', 'ou_unknown_1', 'ou_unknown_2',
]
export const CHATS: { chatId: string; chatType: 'group' | 'p2p' }[] = [
  { chatId: 'oc_zone1', chatType: 'group' }, { chatId: 'oc_zone2', chatType: 'group' }, { chatId: 'oc_hq', chatType: 'group' },
  { chatId: 'oc_unbound', chatType: 'group' }, { chatId: 'oc_p2p_fuzz', chatType: 'p2p' },
]

/** `n` fuzz inputs from `seed`: about a third well-formed, the rest bent or hostile. */
export function fuzzInputs(seed: number, n: number): { text: string; openId: string; chatId: string; chatType: 'group' | 'p2p' }[] {
  const r = prng(seed)
  const arg = (): string => {
    const k = r.int(10)
    if (k < 3) return r.pick(NAMES)
    if (k < 5) return r.pick(NUMBERS)
    if (k < 6) return `${r.pick(NAMED)}=${r.chance(0.5) ? r.pick(YESNO) : r.chance(0.5) ? r.pick(DATES) : r.pick(NUMBERS)}`
    if (k < 7) return `日期=${r.pick(DATES)}`
    if (k < 9) return r.pick(HOSTILE)
    return r.pick(NAMES) + r.pick(HOSTILE) + r.pick(NUMBERS)
  }
  const wellFormed = (): string => r.pick([
    () => `/村 上报 ${r.pick(['红岩洞村@团结乡', 'V001', '惠民村', 'V003', '周山村'])} ${r.pick(['T001', '通村道路硬化', '卫生室', '集体经济', 'T003', '硬化路'])} ${r.pick(NUMBERS)}${r.chance(0.3) ? ` 日期=${r.pick(DATES)}` : ''}${r.chance(0.3) ? ` ${r.pick(HOSTILE)}` : ''}`,
    () => `/户 核查 ${r.pick(['H001', 'H002', 'H003', 'H004', '何桂英@红岩洞村', '李明'])}${r.chance(0.6) ? ` 收入=${r.pick(NUMBERS)} 住房=${r.pick(YESNO)} 医疗=${r.pick(YESNO)}` : ''}${r.chance(0.3) ? ` 日期=${r.pick(DATES)}` : ''}`,
    () => `/户 四小 ${r.pick(['H001', 'H002', 'H003', 'H005'])} ${r.pick(['种植', '养殖', '加工', '经营', '捕鱼'])} ${r.pick(['南江黄羊', '核桃', r.pick(HOSTILE)])} ${r.pick(['5只', '3亩', ''])}`,
    () => `/村 进度 ${r.pick(NAMES)}`,
    () => `/战区 进度 ${r.pick(['', '第一战区', '第二战区', '全县', r.pick(NAMES)])}`,
    () => `/任务 ${r.pick(['', '我的', r.pick(NAMES)])}`,
    () => `/任务 完成 ${r.pick(['T001', 'T002', 'T003', 'T004', 'T999', r.pick(HOSTILE)])} ${r.chance(0.3) ? `日期=${r.pick(DATES)}` : ''}`,
    () => `/撤销 ${r.pick(['#1', '1', '2', '#3', String(r.int(400)), r.pick(NUMBERS)])}`,
    () => `/排名 ${r.pick(['', '2018-05', '2018-Q2', r.pick(NUMBERS)])} ${r.pick(['', '团结乡', r.pick(NAMES)])}`,
    () => `/认证 ${r.pick(['何伟', '刘洋', '钱队员', r.pick(NAMES)])} ${r.pick(['5678', '1234', '0003', r.pick(NUMBERS)])}`,
    () => `/绑定 ${r.pick(['第一战区', '第二战区', '全县', r.pick(NAMES)])}`,
    () => `/提醒 ${r.pick(['暂停', '恢复'])} ${r.pick(['3', '0', '31', r.pick(NUMBERS)])}`,
    () => `/作战图 ${r.pick(['', '大屏', '撤销', '大屏 第一战区', r.pick(HOSTILE)])}`,
    () => `/乡 进度 ${r.pick(['', '团结乡', '南江镇', '红四乡', r.pick(NAMES)])}`,
    () => `/逾期 ${r.pick(['', '全县', '团结乡', '第二战区', r.pick(NAMES)])}`,
    () => `/村 四小 ${r.pick(['', '红岩洞村@团结乡', '惠民村', r.pick(NAMES)])} ${r.chance(0.3) ? `年度=${r.pick(NUMBERS)}` : ''}`,
    () => `/帮助 ${r.pick(['', '村 进度', '上报', r.pick(HOSTILE)])}`,
    () => '/我',
  ])()
  const bent = (): string => {
    const head = r.chance(0.85) ? r.pick(WORDS).join(r.chance(0.9) ? ' ' : '') : r.pick(MISSPELT)
    const slash = r.pick(['/', '/', '/', '／', '', '//', ' /', '\u200b/'])
    const args = Array.from({ length: r.int(7) }, arg)
    const sep = () => r.pick([' ', ' ', '　', '  ', '\t', '\u200b ', '\n'])
    return `${slash}${head}${args.map((a) => sep() + a).join('')}`
  }
  const chaos = (): string => Array.from({ length: 1 + r.int(6) }, () => r.pick([...HOSTILE, ...NAMES, ...NUMBERS])).join(r.pick(['', ' ', '/']))

  return Array.from({ length: n }, () => {
    const k = r.next()
    // At most 10,000 characters: the webhook reads 100 KB of an (encrypted) event; larger ones are refused
    // with 413, which tests/reliability-fuzz.test.ts tries on its own.
    const text = [...(k < 0.35 ? wellFormed() : k < 0.85 ? bent() : chaos())].slice(0, 10_000).join('')
    const chat = r.pick(CHATS)
    const openId = r.pick(ACTORS)
    return { text, openId, ...(chat.chatType === 'p2p' ? { chatId: `oc_p2p_${openId}`, chatType: 'p2p' as const } : chat) }
  })
}

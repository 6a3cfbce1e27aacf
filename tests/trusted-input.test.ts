// What a cadre types is recorded as meant, or refused with nothing stored: end to end through the real SDK,
// the simulator and a SQLite file, the way a week of real chat input arrives.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { readable, startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { ID_NUMBERS } from './helpers/personal-data'

// A registry household numbered as county registries number them: village code + sequence, 16 digits.
const CODE16 = '5119222042070003'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
{
  const db = new Database(dbPath)
  db.prepare(`INSERT INTO households (code, village_code, head_name, id_number, size, attribute, status, exit_year)
              VALUES (?, 'V001', '罗德明', ?, 3, '一般贫困户', '当年脱贫', 2018)`).run(CODE16, ID_NUMBERS[1])
  db.prepare(`INSERT INTO tasks (code, list, category, title, village_code, unit, owner_phone, target, measure, start_date, due_date)
              VALUES ('T005', '行业投入', '基础设施', '饮水工程', 'V001', '县水务局', '13812345678', 3, '处', '2018-03-01', '2018-09-30'),
                     ('T006', '村社责任', '产业发展', '产业扶持资金', 'V001', '团结乡', '13812345678', 30, '万元', '2018-03-01', '2018-09-30')`).run()
  db.close()
}
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat, send, replyTo } = createChat(sim, bot)
const group = { openId: PEOPLE.team1, chatType: 'group' as const, chatId: 'oc_zone1' }
const direct = { openId: PEOPLE.team1, chatType: 'p2p' as const, chatId: 'oc_p2p_team1' }

function count(sql: string): number {
  const db = new Database(dbPath, { readonly: true })
  try {
    return db.prepare(sql).pluck().get() as number
  } finally {
    db.close()
  }
}
const records = () => count(`SELECT COUNT(*) FROM records`)
const row = (sql: string, ...args: unknown[]) => {
  const db = new Database(dbPath, { readonly: true })
  try {
    return db.prepare(sql).get(...args) as Record<string, unknown>
  } finally {
    db.close()
  }
}
const latestReport = () => row(`SELECT r.task_code, r.item, r.input, r.ratio, r.amount, r.done, rc.visited_on, rc.note
  FROM reports r JOIN records rc ON rc.id = r.record_id ORDER BY rc.id DESC LIMIT 1`)

/** Sends, and checks that nothing at all was stored. */
async function refused(text: string, p: { openId: string; chatType: 'group' | 'p2p'; chatId: string } = group): Promise<string> {
  const before = records()
  const answer = await chat(text, p)
  expect(records(), `${text} stored something: ${answer}`).toBe(before)
  return answer
}

describe('progress is read in the task\'s unit, or refused with both readings', () => {
  it('asks whether a bare number above the target is a percentage, and stores nothing', async () => {
    const answer = await refused('/村 上报 团结乡红岩洞村 饮水工程 60')
    expect(answer).toContain('「60」比目标 3 处还多，是哪一个：60%（写 60%），还是 60 处（写 60处）？')
    expect(answer).toContain('例如：/村 上报')
    expect(answer.match(/用法/g)).toHaveLength(1)   // said once
  })

  it('refuses money on a task counted in 处, and converts 元 into a task counted in 万元', async () => {
    expect(await refused('/村 上报 团结乡红岩洞村 饮水工程 3万元')).toContain('该任务以「处」计，「3万元」对不上')
    const answer = await chat('/村 上报 团结乡红岩洞村 产业扶持资金 32000元 首批到位', group)
    expect(answer).toMatch(/^已记录 #\d+：红岩洞村 · T006 产业扶持资金\n进度：3\.2 万元 \/ 目标 30 万元（10\.7%）\n走访日期：2018-06-15\n备注：首批到位\n任务当前进度：/)
    expect(latestReport()).toMatchObject({ task_code: 'T006', input: '3.2 万元', amount: 3.2, done: 0, note: '首批到位' })
    expect(latestReport().ratio as number).toBeCloseTo(3.2 / 30, 9)
  })

  it('never runs two numbers together', async () => {
    expect(await refused('/村 上报 团结乡红岩洞村 通村道路硬化 12 15')).toContain('「12 15」是两个数，不知道哪个是进度。如果是完成数/总数，请写成 12/15')
    expect(await chat('/村 上报 团结乡红岩洞村 通村道路硬化 12 / 15 公里 路面', group)).toContain('进度：12/15 公里（80%）\n走访日期：2018-06-15\n备注：路面')
  })

  it('reads a percentage written apart, as voice input does, and never as an amount', async () => {
    const answer = await chat('/村 上报 团结乡红岩洞村 集体经济 50 %', group)
    expect(answer).toContain('集体经济（一低五有）\n进度：50%')
    expect(latestReport()).toMatchObject({ item: '集体经济', input: '50%', ratio: 0.5, amount: null, done: 0 })
  })

  it('shows each task\'s target in its own unit in /任务 and /村 进度', async () => {
    await chat('/村 上报 团结乡红岩洞村 通村道路硬化 6公里', group)
    expect(await chat('/任务 团结乡红岩洞村', group)).toContain('通村道路硬化　▓▓▓▓░░░░░░ 40%（6/15 公里）')
    expect(await chat('/村 进度 团结乡红岩洞村', group)).toContain('通村道路硬化　▓▓▓▓░░░░░░ 40%（6/15 公里）')
  })

  it('reads completion words and figures with particles', async () => {
    expect(await chat('/村 上报 团结乡红岩洞村 饮水工程 2处了', group)).toContain('进度：2 处 / 目标 3 处（66.7%）')
    expect(await chat('/村 上报 团结乡红岩洞村 卫生室建设 已竣工', group)).toContain('进度：已完成（100%）')
    expect(latestReport()).toMatchObject({ task_code: 'T002', input: '已完成', ratio: 1, done: 1 })
  })
})

describe('named values however they are typed', () => {
  it.each([
    ['80% 日期：2018-06-01', '2018-06-01'],
    ['80% 日期 2018-06-02', '2018-06-02'],
    ['80% 日期:2018/6/3', '2018-06-03'],
    ['80% 日期 = 6月4日', '2018-06-04'],
    ['80% 日期=昨天', '2018-06-14'],
    ['80% 日期 前天', '2018-06-13'],
  ])('%s', async (tail, day) => {
    const answer = await chat(`/村 上报 团结乡红岩洞村 通村道路硬化 ${tail}`, group)
    expect(answer).toContain(`走访日期：${day}`)
    expect(answer).toContain('备注：（无）')
    expect(latestReport()).toMatchObject({ visited_on: day, note: null, input: '80%' })
  })

  it('refuses a date in the future, before the campaign, or typed without its name', async () => {
    expect(await refused('/村 上报 团结乡红岩洞村 通村道路硬化 80% 日期=6月20日')).toContain('走访日期不能晚于今天')
    expect(await refused('/村 上报 团结乡红岩洞村 通村道路硬化 80% 日期=2013-12-31')).toContain('早于攻坚开始日期')
    expect(await refused('/村 上报 团结乡红岩洞村 通村道路硬化 80% 日期=2018-02-30')).toContain('日期「2018-02-30」不存在')
    expect(await refused('/村 上报 团结乡红岩洞村 通村道路硬化 80% 2018-06-01')).toContain('「2018-06-01」是走访日期吗？请写成 日期=2018-06-01')
  })

  it('reads the household check\'s items the same way', async () => {
    const answer = await chat(`/户 核查 ${CODE16} 收入：1800 住房 否 饮水=是`, group)
    expect(answer).toContain('本次核查：收入 1,800 元/人·年；住房 否；饮水 是')
  })
})

describe('one message, several lines', () => {
  it('records each command line, each with its record number, in one reply', async () => {
    const before = records()
    const answer = await chat('/村 上报 团结乡红岩洞村 通村道路硬化 12/15\n/村 上报 团结乡红岩洞村 饮水工程 未开工 等材料', group)
    expect(records()).toBe(before + 2)
    expect(answer).toMatch(/（第 1\/2 行）已记录 #\d+：红岩洞村 · T001 通村道路硬化\n进度：12\/15 公里（80%）/)
    expect(answer).toMatch(/（第 2\/2 行）已记录 #\d+：红岩洞村 · T005 饮水工程\n进度：未开工（0%）[\s\S]*备注：等材料/)
  })

  it('records nothing when one line fails, and says which', async () => {
    const answer = await refused('/村 上报 团结乡红岩洞村 通村道路硬化 13/15\n/村 上报 团结乡红岩洞村 饮水工程 60')
    expect(answer).toContain('这条消息有 2 行命令，第 2 行没有执行')
    expect(answer).toContain('整条消息都没有记录')
  })

  it('never files a second line as the first one\'s remark', async () => {
    const answer = await refused('/村 上报 团结乡红岩洞村 通村道路硬化 13/15\n路基已经压实')
    expect(answer).toContain('第 2 行「路基已经压实」不是命令')
    expect(answer).toContain('请一条消息只写一条命令')
  })
})

describe('mentions anywhere', () => {
  it('reads a command with the bot mentioned at the end, in the middle, or after a greeting to a person', async () => {
    expect(await chat('/村 进度 团结乡红岩洞村 @_user_1', { ...group, mentionBot: 'inline' })).toContain('团结乡红岩洞村 · 脱贫进度')
    expect(await chat('/村 进度 @_user_1 团结乡红岩洞村', { ...group, mentionBot: 'inline' })).toContain('团结乡红岩洞村 · 脱贫进度')
    expect(await chat('请 @_user_2 看一下 @_user_1 /逾期 第一战区', { ...group, openId: PEOPLE.commander1, mentionBot: 'inline' })).toContain('逾期任务')
  })
})

describe('privacy that does not break work', () => {
  it('masks ID and mobile numbers typed into a remark in a group, keeps the 户编号 readable, and stores them as typed', async () => {
    const answer = await chat(`/村 上报 团结乡红岩洞村 饮水工程 2处 联系罗德明 138 1234 5678 身份证${ID_NUMBERS[0]} 户${CODE16}`, group)
    expect(answer).toContain('138****5678')
    expect(answer).toContain('511922********0023')
    expect(answer).toContain(CODE16)
    expect(answer).not.toContain(ID_NUMBERS[0])
    expect(latestReport().note).toBe(`联系罗德明 138 1234 5678 身份证${ID_NUMBERS[0]} 户${CODE16}`)
    // In a direct chat the sender sees what they typed.
    expect(await chat('/户 核查 ' + CODE16, direct)).toContain(CODE16)
  })

  it('records a check from the household card\'s form in a group chat with a 16-digit 户编号', async () => {
    const { messageId } = await send(`/户 核查 ${CODE16}`, group)
    const card = await replyTo(messageId)
    expect(readable(card)).toContain(CODE16)
    expect(readable(card)).toContain('罗**')
    expect(JSON.stringify(card.content)).not.toContain(ID_NUMBERS[1])
    const submit = JSON.stringify(card.content).match(/"behaviors":\[\{"type":"callback","value":(\{[^}]*\})/)
    expect(submit, 'the card has a form').not.toBeNull()
    const value = JSON.parse(submit![1]!)
    const before = count(`SELECT COUNT(*) FROM checks WHERE household_code = '${CODE16}'`)
    const res = await sim.postEvent(`${bot.url}/webhook/event`, sim.cardActionEvent({
      openId: PEOPLE.team1, chatId: 'oc_zone1', messageId: 'om_card_group', value, formValue: { income: '4500', item_0: '是', item_1: '否', date: '2018-06-14 +0800' },
    }))
    expect(res.status).toBe(200)
    expect(JSON.stringify(res.body)).toContain('"type":"success"')
    expect(JSON.stringify(res.body)).toContain('收入 4,500 元/人·年；住房 是；饮水 否')
    expect(JSON.stringify(res.body)).not.toContain('罗德明')   // the refreshed card keeps the group's masking
    expect(count(`SELECT COUNT(*) FROM checks WHERE household_code = '${CODE16}'`)).toBe(before + 1)
    expect(row(`SELECT c.income, c.housing, c.water, rc.visited_on FROM checks c JOIN records rc ON rc.id = c.record_id
      WHERE c.household_code = ? ORDER BY rc.id DESC LIMIT 1`, CODE16)).toEqual({ income: 4500, housing: 1, water: 0, visited_on: '2018-06-14' })
  })
})

describe('household check replies', () => {
  it('tell failed items, with the reason, from items never checked', async () => {
    const answer = await chat('/户 核查 H002 收入=1800 住房=否', group)
    expect(answer).toContain('不达标：收入 1,800 元 ≤ 标准 2,995 元；住房')
    expect(answer).toContain('未核查：饮水、用电、广电、教育、医疗')
  })
})

describe('completion is one state', () => {
  it('refuses a lower figure on a done task with how to reopen it, and reopens on purpose', async () => {
    await chat('/村 上报 团结乡红岩洞村 饮水工程 3处', group)
    expect(await refused('/村 上报 团结乡红岩洞村 饮水工程 2处')).toContain('/任务 重开 T005')
    expect(await refused('/任务 完成 T005')).toContain('已经是完成状态')
    const reopened = await chat('/任务 重开 T005 验收发现一处漏水', group)
    expect(reopened).toContain('已重开任务 T005')
    expect(await chat('/村 上报 团结乡红岩洞村 饮水工程 1处', group)).toContain('任务当前进度：▓▓▓░░░░░░░ 33%')
  })

  it('answers /任务 完成 and /任务 重开 without a number with the tasks the sender may choose, storing nothing', async () => {
    await chat('/任务 完成 T006 已验收', group)
    const reopen = await refused('/任务 重开')
    expect(reopen).toMatch(/^您可以重开的已完成任务（2 项）：\n/)   // T002 was marked done earlier in this file
    expect(reopen).toMatch(/\n✅ T006 团结乡红岩洞村 · 产业扶持资金　已完成（#\d+ 任务完成）\n/)
    expect(reopen).toMatch(/\n用法：\/任务 重开 <任务编号> <原因…>\n例如：\/任务 重开 T\d+ 验收发现问题$/)
    expect(await chat('/任务 重开 T006 验收发现问题', group)).toContain('已重开任务 T006')
    const close = await refused('/任务 完成')
    expect(close).toMatch(/^您可以标记完成的任务（\d 项）：\n/)
    for (const code of ['T001', 'T005', 'T006']) expect(close).toContain(`${code} 团结乡红岩洞村 · `)
    expect(close).not.toContain('T002')   // done
    expect(close).not.toContain('T003')   // 惠民村's: neither the sender's village nor theirs
    expect(close).toContain('用法：/任务 完成 <任务编号>')
    const other = await refused('/任务 完成', { ...group, openId: PEOPLE.commander1 })
    expect(other).toBe('您负责的和您村里的任务中，没有可以标记完成的任务。\n用法：/任务 完成 <任务编号> [备注…] [日期=YYYY-MM-DD]')
  })

  it('counts a completion reported with an earlier visit date than a lower figure', async () => {
    await chat('/村 上报 惠民村 黄羊养殖合作社 40%', { ...group, openId: PEOPLE.team3, chatId: 'oc_zone2' })
    const done = await chat('/村 上报 惠民村 黄羊养殖合作社 完成 日期=2018-06-10', { ...group, openId: PEOPLE.team3, chatId: 'oc_zone2' })
    expect(done).toContain('任务当前进度：✅ 已完成')
  })
})

describe('duplicates', () => {
  it('records the same report sent twice within ten minutes once', async () => {
    const first = await chat('/村 上报 团结乡红岩洞村 通村道路硬化 14/15 重复测试', group)
    const id = /#(\d+)/.exec(first)![1]
    expect(await refused('/村 上报 团结乡红岩洞村 通村道路硬化 14/15 重复测试')).toContain(`与 #${id} 相同，未重复记录`)
  })
})

import { copyFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { commands } from '../commands/index'
import { openDemo, type DemoSession } from '../src/demo-session'
import { tempDir } from './helpers/temp'

/**
 * The first hour: every chat command README.md shows, and every command's examples, work in the demo
 * county as written — answered without a refusal, and a write is recorded — when the person the README
 * names (or a person the command is for) types it.
 */
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

/** Commands in backticks, without placeholders (`<户>`, `[期间]`, `…`, `a|b`): what a reader would copy. */
function readmeCommands(md: string): string[] {
  const found = [...md.matchAll(/`(\/[^`<>[\]|…]+)`/g)].map((m) => m[1]!.trim())
  return [...new Set(found.filter((c) => /[\u4e00-\u9fff]/.test(c) && !c.startsWith('/绑定')))]
}

/** The lines typed in the README's demo session, meta commands included, in order. */
function sessionLines(md: string): string[] {
  return [...md.matchAll(/^你> (.+)$/gm)].map((m) => m[1]!.trim())
}

// `/绑定` changes which chat gets a zone's messages and is tried in tests/bind.test.ts, not on the demo's chats.
const examples = [...new Set(commands.flatMap((c) => c.examples).filter((e) => !e.startsWith('/绑定')))]

/** What a failed command says; any of it in an answer is a README example that does not work. */
const FAILED = /没有找到|看不懂|参数太多|缺少参数|出了问题|不在您的查看范围|您不能|只有.{0,30}可以|请私聊|还没有发布|未重复记录|无需重复|不用重开|已经是完成状态|不用再报/

/** Commands that write (a record, a setting, a link): their answer must come with a row in the audit trail. */
const isWrite = (c: string) =>
  /^\/((村|乡) 上报|任务 (完成|重开)|撤销|提醒 暂停|认证) \S/.test(c) || /^\/(提醒 恢复|作战图)/.test(c) ||
  /^\/户 四小 \S+ \S/.test(c) || /^\/户 核查 .*=/.test(c) || /^\/(抽查 (?!记录|名单|结果)\S|复核 \S)/.test(c)

/**
 * Who types a command that is not the default person's (the showcase village's 第一书记): a command a
 * village team cannot use is typed by someone it is for, in the chat it is for.
 */
const WHO: [RegExp, string, string?][] = [
  [/^\/认证/, 'newcomer'],
  [/^\/作战图 大屏/, 'ou_demo_leader', '私聊'],
  [/^\/作战图/, 'ou_demo_secretary', '私聊'],
  [/全县|第[一二三五]战区/, 'ou_demo_leader'],
  [/^\/(乡 |排名 \S|逾期 \S)/, 'ou_demo_cadre'],
  [/^\/提醒/, 'ou_demo_commander'],
  [/^\/撤销/, 'ou_demo_admin'],
  [/^\/(抽查|复核)/, 'ou_demo_admin'],
]

const dir = tempDir()
const template = join(dir, 'template.db')
let n = 0
const sessions: DemoSession[] = []
afterAll(async () => {
  for (const s of sessions) await s.close()
})

/** A demo on a copy of one generated county (generating takes a second or two); `at` fixes the clock. */
async function demo(at?: Date): Promise<DemoSession> {
  const clock = at ? () => at : undefined
  const dbPath = join(dir, `demo-${++n}.db`)
  if (at) {
    sessions.push(await openDemo({ dbPath, env: {}, port: 0, clock }))
  } else {
    if (!existsSync(template)) await (await openDemo({ dbPath: template, env: {}, port: 0 })).close()
    copyFileSync(template, dbPath)
    sessions.push(await openDemo({ dbPath, env: {}, port: 0 }))
  }
  return sessions[sessions.length - 1]!
}

const count = (s: DemoSession, sql: string) => s.db.prepare(sql).pluck().get() as number

async function speakAs(s: DemoSession, who: string, chat?: string) {
  if (who === 'newcomer') return void await s.line(':new')
  const name = s.db.prepare(`SELECT name FROM members WHERE open_id = ?`).pluck().get(who) as string
  expect((await s.line(`:as ${name}`)).output).toContain('现在您是')
  if (chat) await s.line(`:chat ${chat}`)
}

/** Runs a command as the README would have it typed and checks it worked; returns the answer. */
async function works(s: DemoSession, command: string): Promise<string> {
  const audit = count(s, `SELECT count(*) FROM audit_log`)
  const records = count(s, `SELECT count(*) FROM records`)
  const { output, outcome } = await s.line(command)
  expect(outcome, `${command}\n${output}`).toBe('ok')
  expect(output, command).not.toBe('')
  expect(output, command).not.toMatch(FAILED)
  if (isWrite(command)) {
    expect(count(s, `SELECT count(*) FROM audit_log`), `${command} recorded nothing:\n${output}`).toBeGreaterThan(audit)
    const id = /^战区助手: 已记录 #(\d+)/.exec(output)?.[1]
    if (id) expect(s.deps.records.get(Number(id))).toMatchObject({ authorOpenId: s.speaker.openId, withdrawnAt: null })
  } else {
    expect(count(s, `SELECT count(*) FROM records`), `${command} is a question but wrote:\n${output}`).toBe(records)
  }
  return output
}

async function runAll(s: DemoSession, list: readonly string[]) {
  const answers = new Map<string, string>()
  for (const command of list) {
    const [, who = 'ou_demo_secretary', chat] = WHO.find(([re]) => re.test(command)) ?? []
    await speakAs(s, who, chat)
    answers.set(command, await works(s, command))
  }
  return answers
}

describe('README.md in the demo', () => {
  it('finds the commands it is about to try', () => {
    expect(readmeCommands(readme)).toEqual(expect.arrayContaining(['/村 上报 红岩洞村 通村道路硬化 12/15', '/户 核查 何桂英@红岩洞村', '/排名']))
    expect(sessionLines(readme).length).toBeGreaterThanOrEqual(5)
    // The extraction skips placeholders rather than trying them.
    expect(readmeCommands('`/户 核查 <户>` `/排名 [期间]` `/户 核查 H1 收入=1 …` `/村 进度`')).toEqual(['/村 进度'])
  })

  it('the demo session works line by line, as the person it says is typing', async () => {
    const s = await demo()
    for (const line of sessionLines(readme)) {
      if (line.startsWith(':')) expect((await s.line(line)).output, line).not.toMatch(/没有|用法|不认识/)
      else await works(s, line)
    }
  })

  it('every other chat command it shows works', async () => {
    await runAll(await demo(), readmeCommands(readme))
  })

  it("every command's examples work", async () => {
    const answers = await runAll(await demo(), examples)
    expect(answers.get('/村 上报 红岩洞 集体经济 3.2万元 日期=昨天')).toContain('金额：3.2 万元')
    expect(answers.get('/任务 重开 T002 验收发现一户屋面未完工')).toContain('已重开任务 T002')
  })

  it('… also on the first day of a year and of a quarter (dates are relative to the demo day)', async () => {
    for (const at of ['2027-01-01T10:00:00+08:00', '2026-04-01T08:30:00+08:00']) await runAll(await demo(new Date(at)), examples)
  }, 60_000)
})

describe('the demo county', () => {
  it('has published rankings, villages that meet 一低五有 and a battle map that is not all red', async () => {
    const s = await demo()
    expect(await works(s, '/排名')).toMatch(/考核排名/)
    expect(await works(s, '/战区 进度')).toMatch(/村达标：[1-9]\d*\/\d+ 个/)
    await speakAs(s, 'ou_demo_leader', '私聊')
    const link = /(http:\/\/127\.0\.0\.1:\d+\/map\?token=\S+)/.exec(await works(s, '/作战图'))![1]!
    expect(link.startsWith(s.url)).toBe(true)
    const res = await fetch(link, { redirect: 'manual' })
    expect(res.status).toBe(200)
    const states = [...(await res.text()).matchAll(/data-state="(\w+)"/g)].map((m) => m[1])
    expect(states.filter((x) => x === 'meets').length).toBeGreaterThan(0)
    expect(states.filter((x) => x === 'red').length).toBeLessThan(states.length)
  })

  it('answers a bare /村 上报 with the report form, and /任务 重开 with what they can reopen', async () => {
    const s = await demo()
    const form = await works(s, '/村 上报')
    expect(form).toContain('团结乡红岩洞村 · 上报')
    expect(form).toMatch(/例如：\/村 上报 团结乡红岩洞村 \S+ \S+/)
    const example = /例如：(.+)/.exec(form)![1]!
    expect(await works(s, example)).toContain('已记录')   // the example it gives works
    expect(await works(s, '/任务 重开')).toMatch(/您可以重开的已完成任务（1 项）：\n✅ T002 团结乡红岩洞村 · 危房改造　已完成（#\d+ 任务完成）/)
    expect(await works(s, '/任务 完成')).toMatch(/您可以标记完成的任务（4 项）/)
  })
})

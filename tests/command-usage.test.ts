import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { commands } from '../commands/index'
import type { Command } from '../commands/define'
import { arg, keys, NO_ARGS, NO_KEYS, remark, shown, value } from '../commands/args'
import { usageOf } from '../commands/usage'
import { gatherNamed } from '../src/named-args'
import { words } from '../src/text'

const byName = (name: string) => commands.find((c) => c.path.join(' ') === name)!
const unwrap = (s: z.ZodType): z.ZodType => (s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : s)

/** What the router does with the words after a command's name: named values out, then both schemas. */
function parse(c: Command, line: string) {
  const typed = words(line.replace(/^\//, ''))
  const path = [c.path, ...(c.aliases ?? [])].find((p) => p.every((w, i) => typed[i] === w))
  if (!path) throw new Error(`「${line}」 is not /${c.path.join(' ')}`)
  const shape = ((c.named ?? NO_KEYS) as z.ZodObject).shape
  const { positional, named } = gatherNamed(typed.slice(path.length), Object.keys(shape))
  return { args: (c.args ?? NO_ARGS).safeParse(positional), named: (c.named ?? NO_KEYS).safeParse(named) }
}

/**
 * The names of every positional word a schema accepts, read from zod's own structure (tuple items, the
 * rest, a union's forms, a free-order list's slots) — not from the usage generator.
 */
function positionalNames(schema: z.ZodType): string[] {
  const how = shown.get(schema)
  if (how?.slots) return how.slots.map((s) => s.label)
  if (schema instanceof z.ZodTuple) {
    const all = [...(schema.def.items as z.ZodType[]), ...(schema.def.rest ? [schema.def.rest as z.ZodType] : [])]
    return all.map(unwrap).map((s) => (s instanceof z.ZodLiteral ? String(s.value) : shown.get(s)?.label ?? '(no name)'))
  }
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(positionalNames)
  return [how?.label ?? '(no name)']
}

describe('usage lines are generated from the schemas that parse', () => {
  it('every command: its usage names every word and every key=value its schemas accept', () => {
    const missing: string[] = []
    for (const c of commands) {
      const keysOf = Object.keys(((c.named ?? NO_KEYS) as z.ZodObject).shape)
      for (const name of positionalNames(c.args ?? NO_ARGS)) if (!c.usage.includes(name)) missing.push(`${c.usage}: ${name}`)
      for (const key of keysOf) if (!c.usage.includes(`[${key}=`) && !c.usage.includes(`[${key}…]`)) missing.push(`${c.usage}: ${key}=`)
    }
    expect(missing).toEqual([])
  })

  it('every command: each of its examples is accepted by its schemas as written', () => {
    const refused = commands.flatMap((c) => c.examples.flatMap((e) => {
      const r = parse(c, e)
      return r.args.success && r.named.success ? [] : [`${e}: ${(r.args.error ?? r.named.error)!.issues[0]!.message}`]
    }))
    expect(refused).toEqual([])
  })

  it('shows each kind of argument as people read it', () => {
    expect(byName('认证').usage).toBe('/认证 <姓名> <手机后四位>')                       // required words
    expect(byName('村 进度').usage).toBe('/村 进度 [村]')                                  // an optional word
    expect(byName('我').usage).toBe('/我')                                                 // none
    // Needed words the command answers without (a guide), the remark, a named date:
    expect(byName('村 上报').usage).toBe('/村 上报 <村> <事项> <进度> [备注…] [日期=YYYY-MM-DD]')
    expect(byName('任务 重开').usage).toBe('/任务 重开 <任务编号> <原因…>')
    expect(byName('户 四小').usage).toBe('/户 四小 <户> <种植|养殖|加工|经营> <内容> [规模] [日期=YYYY-MM-DD] [园区=是]')
    expect(byName('户 核查').usage).toMatch(/^\/户 核查 <户> \[收入=元\/人·年\] \[住房=是\/否\] .* \[日期=…\] \[备注…\]$/)
    expect(byName('绑定').usage).toBe('/绑定 [战区名称 或 全县] [确认]')                  // a keyword
    expect(byName('作战图').usage).toBe('/作战图 [大屏 [战区 或 全县] 或 撤销]')          // forms to choose from
    expect(byName('逾期').usage).toBe('/逾期 [战区 或 乡镇 或 村] [全部 或 将到期] [第 N 页]') // any order
    expect(byName('排名').usage).toBe('/排名 [YYYY-MM 或 YYYY-Qn] [乡镇] [任务 或 村] [第 N 页]')
  })

  it('a word or a value declared without a name is a mistake found at start-up, not a usage that hides it', () => {
    const path = ['测试']
    expect(() => usageOf({ path, args: z.array(z.string()) })).toThrow('not declared with names')
    expect(() => usageOf({ path, args: z.tuple([arg('村'), z.string()]) })).toThrow('a word without a name')
    expect(() => usageOf({ path, args: z.tuple([arg('村')]).rest(z.string()) })).toThrow('have no name')
    expect(() => usageOf({ path, named: keys({ 日期: z.string().optional() }) })).toThrow('日期=')
    expect(() => usageOf({ path, named: z.object({ 日期: value() }) })).toThrow('keys({...})')   // not strict: an unknown key would pass
    expect(usageOf({ path, args: z.tuple([arg('户')]).rest(remark()), named: keys({ 日期: value('…') }) })).toBe('/测试 <户> [备注…] [日期=…]')
  })
})

describe('words in any order: the schema reads what the usage promises', () => {
  const permutations = (xs: string[]): string[][] =>
    xs.length <= 1 ? [xs] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]))

  it.each([
    ['逾期', ['团结乡', '将到期', '第 2 页'], { place: '团结乡', mode: '将到期', page: 2 }],
    ['排名', ['2018-05', '团结乡', '各村', '第二页'], { period: '2018-05', place: '团结乡', part: '村', page: 2 }],
    ['任务', ['我的', '3页'], { village: '我的', page: 3 }],
    ['村 四小', ['红岩洞村', '第 2 页'], { village: '红岩洞村', page: 2 }],
  ])('/%s: every order of %j reads the same', (name, parts, expected) => {
    const c = byName(name)
    for (const order of permutations(parts)) {
      const r = parse(c, `/${name} ${order.join(' ')}`)
      expect(r.args.data, order.join(' ')).toEqual(expected)
    }
  })

  it('refuses a second word for one slot, a word no slot takes, and too many words, by the schema', () => {
    const refusal = (line: string) => {
      const r = parse(commands.find((c) => line.startsWith(`/${c.path.join(' ')} `))!, line)
      return r.args.success ? null : r.args.error.issues[0]!.message
    }
    expect(refusal('/逾期 全部 所有')).toBeNull()                                        // two words, one meaning
    expect(refusal('/逾期 所有 快到期')).toBe('「全部」和「将到期」请只写一个。')
    expect(refusal('/逾期 团结乡 红岩洞村')).toBe('看不懂「团结乡 红岩洞村」：范围只写一个战区、乡镇或村的名称。')
    expect(refusal('/排名 2018-05 2018-06')).toMatch(/^「2018-05 2018-06」：只能写一个期间/)
    expect(refusal('/任务 第x页')).toBe('「第x页」看不懂：页码请写成「第 2 页」。')
    expect(refusal('/村 四小 a b c d e')).toBe('参数太多了')
    expect(refusal(`/任务 ${'村'.repeat(41)}`)).toBe('名称太长了')
  })

  it('/作战图 reads only its three forms, and says which part of a wrong one is wrong', () => {
    const c = byName('作战图')
    const refusal = (line: string) => parse(c, line).args.error?.issues[0]?.message
    for (const ok of ['/作战图', '/作战图 大屏', '/作战图 大屏 第一战区', '/作战图 撤销']) expect(refusal(ok), ok).toBeUndefined()
    expect(refusal('/作战图 地图')).toMatch(/^「地图」看不懂：\/作战图 后面只能写「大屏」或「撤销」/)
    expect(refusal('/作战图 第一战区 大屏')).toMatch(/^「第一战区」看不懂/)
    expect(refusal('/作战图 撤销 全部')).toBe('「撤销」后面不需要写别的。')
    expect(refusal('/作战图 大屏 第一战区 全县')).toBe('参数太多了。')
    expect(refusal(`/作战图 大屏 ${'区'.repeat(31)}`)).toBe('名称太长了')   // the one form it could be says what is wrong
  })

  it('/绑定: the word after the name is 确认 or nothing', () => {
    const r = parse(byName('绑定'), '/绑定 第一战区 确定')
    expect(r.args.error?.issues[0]?.message).toBe('「确定」看不懂：名称后面只能写「确认」，或者不写。')
    expect(parse(byName('绑定'), '/绑定 第一战区 确认').args.data).toEqual(['第一战区', '确认'])
  })
})

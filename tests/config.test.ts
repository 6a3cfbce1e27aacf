import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config'

const minimal = { LARK_APP_ID: 'cli_0123456789abcdef', LARK_APP_SECRET: 's' }

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  return []
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig(minimal)
    expect(c).toMatchObject({ LARK_MODE: 'ws', PORT: 3000, DATABASE_PATH: './data/zhanqu.db', TIMEZONE: 'Asia/Shanghai', SCHEDULER: 'on', ADMIN_OPEN_IDS: [] })
    expect(c.larkDomain).toBe('https://open.feishu.cn')
    expect(c.publicUrl).toBe('http://localhost:3000')
  })
  it('accepts a base URL as the Lark domain and splits admin ids', () => {
    const c = loadConfig({ ...minimal, LARK_DOMAIN: 'http://127.0.0.1:9000/', ADMIN_OPEN_IDS: 'ou_a, ou_b,' })
    expect(c.larkDomain).toBe('http://127.0.0.1:9000')
    expect(c.ADMIN_OPEN_IDS).toEqual(['ou_a', 'ou_b'])
  })
  it('lists every problem with its variable name', () => {
    const p = problems({ LARK_MODE: 'carrier-pigeon', PORT: 'eighty', TIMEZONE: 'Mars/Base', LARK_DOMAIN: 'ftp://x' })
    for (const key of ['LARK_APP_ID', 'LARK_APP_SECRET', 'LARK_MODE', 'PORT', 'TIMEZONE', 'LARK_DOMAIN']) {
      expect(p.some((line) => line.startsWith(`${key}:`)), `${key} in ${p.join(' | ')}`).toBe(true)
    }
  })
  it('refuses webhook mode without an encrypt key', () => {
    expect(problems({ ...minimal, LARK_MODE: 'webhook' })).toEqual([expect.stringMatching(/^LARK_ENCRYPT_KEY: .*拒绝启动/)])
    expect(problems({ ...minimal, LARK_MODE: 'webhook', LARK_ENCRYPT_KEY: 'k' })).toEqual([])
  })
  it('treats empty values as unset', () => {
    expect(loadConfig({ ...minimal, PORT: '', LOG_LEVEL: '' }).PORT).toBe(3000)
  })
})

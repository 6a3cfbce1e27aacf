import { describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError, DEFAULT_IMPORT_LIMITS, importLimits, loadConfig, readDotEnv } from '../src/config'
import { tempDir } from './helpers/temp'

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
  it('bounds an import by IMPORT_MAX_ROWS (500,000) and IMPORT_MAX_MB (200), and refuses a limit that is not a positive number', () => {
    expect(importLimits(loadConfig(minimal))).toEqual({ maxRows: 500_000, maxBytes: 200_000_000 })
    expect(DEFAULT_IMPORT_LIMITS).toEqual({ maxRows: 500_000, maxBytes: 200_000_000 })
    expect(importLimits(loadConfig({ ...minimal, IMPORT_MAX_ROWS: '1000', IMPORT_MAX_MB: '0.5' }))).toEqual({ maxRows: 1000, maxBytes: 500_000 })
    expect(problems({ ...minimal, IMPORT_MAX_ROWS: '1.5', IMPORT_MAX_MB: '-1' })).toEqual(['IMPORT_MAX_ROWS: 应为正整数', 'IMPORT_MAX_MB: 应为正数（兆字节）'])
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

describe('readDotEnv', () => {
  it('reads .env as operators write it: comments, export, quotes, spaces around =, CRLF', () => {
    const path = join(tempDir('zhanqu-env-'), '.env')
    writeFileSync(path, '# the app\r\nexport LARK_APP_ID=cli_0123456789abcdef\r\nLARK_APP_SECRET="s3cret # not a comment"\r\nPORT = 8080\r\nPUBLIC_URL=\'http://10.0.0.5:8080\'\r\nEMPTY=\r\n')
    expect(readDotEnv(path)).toEqual({
      LARK_APP_ID: 'cli_0123456789abcdef', LARK_APP_SECRET: 's3cret # not a comment', PORT: '8080',
      PUBLIC_URL: 'http://10.0.0.5:8080', EMPTY: '',
    })
    expect(readDotEnv(join(tempDir('zhanqu-env-'), 'absent.env'))).toEqual({})
  })
})

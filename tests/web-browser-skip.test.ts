import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { ROOT } from './helpers/process'

// On a machine without a browser `npm test` must pass: the browser test is skipped, and says why.
describe('the browser test without a browser', () => {
  it('is skipped with a message when CHROMIUM_PATH names no file', async () => {
    const vitest = spawn(process.execPath, [`${ROOT}node_modules/vitest/vitest.mjs`, 'run', 'tests/web-browser.test.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CHROMIUM_PATH: '/nonexistent', NO_COLOR: '1' },
    })
    let output = ''
    vitest.stdout.on('data', (d) => (output += d))
    vitest.stderr.on('data', (d) => (output += d))
    const code = await new Promise<number | null>((resolve) => vitest.on('exit', resolve))
    expect(code, output).toBe(0)
    expect(output).toContain('web-browser.test.ts skipped: /nonexistent is absent')
    expect(output).toMatch(/Tests\s+\d+ skipped/)
    expect(output).not.toMatch(/\d+ passed|failed/)
  }, 60_000)
})

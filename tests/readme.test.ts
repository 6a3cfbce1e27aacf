import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readmeWithReference } from '../src/docs/command-reference'
import { commands } from '../commands/index'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

describe('README', () => {
  it('has the command reference generated from the command table (run `npm run docs` after a change)', () => {
    expect(readme).toBe(readmeWithReference(readme))
    for (const c of commands) expect(readme).toContain(c.usage.replace(/\|/g, '\\|'))
  })
  it('shows the two commands a newcomer needs', () => {
    expect(readme).toContain('npm ci && npm run demo')
    expect(readme).toContain('npm test')
  })
})

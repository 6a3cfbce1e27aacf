import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ROOT } from './helpers/process'

// The bot is started in three places: `npm start`, the image and the systemd unit. The V8 flags are what
// keeps it under its memory target (BENCHMARKS.md), so all three must pass the same ones.
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8')
const flagsOf = (command: string) => command.match(/--[\w-]+=\S+?(?=["\s,]|$)/g) ?? []

describe('how the bot is started', () => {
  const start = JSON.parse(read('package.json')).scripts.start as string
  const dockerCmd = read('Dockerfile').split('\n').find((l) => l.startsWith('CMD '))!
  const unitExec = read('deploy/zhanqu-bot.service').split('\n').find((l) => l.startsWith('ExecStart='))!

  it('runs dist/main.js with plain node and the same V8 flags everywhere', () => {
    expect(start).toMatch(/^node (--\S+ )*dist\/main\.js$/)
    expect(flagsOf(start).length).toBeGreaterThan(0)
    expect(flagsOf(dockerCmd)).toEqual(flagsOf(start))
    expect(flagsOf(unitExec)).toEqual(flagsOf(start))
    expect(dockerCmd).toContain('"dist/main.js"')
    expect(unitExec).toMatch(/ dist\/main\.js$/)
  })

  it('builds the image in stages on Debian Node 20, and runs it unprivileged, with a health check, a volume and SIGTERM', () => {
    const docker = read('Dockerfile').replace(/\\\n\s*/g, ' ')   // continued lines joined
    const froms = docker.split('\n').filter((l) => l.startsWith('FROM '))
    expect(froms.length).toBeGreaterThanOrEqual(2)
    for (const f of froms) expect(f).toMatch(/^FROM node:20-bookworm/)
    expect(docker).toContain('npm ci --omit=dev')
    expect(docker).toContain('npm run build')
    expect(docker).toMatch(/^USER (?!root)\w+/m)
    expect(docker).toMatch(/^HEALTHCHECK .*\/healthz/m)
    expect(docker).toMatch(/^VOLUME \/data/m)
    expect(docker).toMatch(/^STOPSIGNAL SIGTERM/m)
  })
})

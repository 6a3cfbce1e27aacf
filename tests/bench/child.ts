// Runs a server under test (bot-child.ts, bare-sdk-child.ts) as a child process with an IPC channel, and
// reads its memory from /proc (VmHWM = peak resident set size of that process alone). The children run
// compiled, with plain node, as `npm start` runs the bot: buildChildren() compiles them (and the bot's code)
// with deploy/build.mjs into data/bench/build/.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../helpers/process'

const BUILD = join(ROOT, 'data', 'bench', 'build')

/** Compiles the children and the bot they start (about 3 s). */
export function buildChildren() {
  execFileSync(process.execPath, [join(ROOT, 'deploy/build.mjs'), '--project', 'tests/bench/tsconfig.build.json', '--out', BUILD], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] })
}

export interface Child {
  proc: ChildProcess
  port: number
  url: string
  /** Sends `{type}` and resolves with the next message of the same type. */
  ask<T = any>(msg: { type: string } & Record<string, unknown>, timeoutMs?: number): Promise<T>
  /** Peak and current RSS in MB, from /proc/<pid>/status. */
  memory(): { peakMb: number; rssMb: number }
  stop(): Promise<void>
}

/** `script`: the child's name without extension (bot-child, bare-sdk-child). */
export async function startChild(script: string, env: Record<string, string>, o: { cpuProf?: string; nodeFlags?: string[] } = {}): Promise<Child> {
  const args = [...(o.nodeFlags ?? []), ...(o.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProf}`] : []), join(BUILD, 'tests', 'bench', `${script}.js`)]
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    // The bot's logs (one JSON line per event and per send, as in production) go to /dev/null.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 60 s`)), 60_000)
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${script} exited with ${code} before it was ready`)) })
    proc.on('message', (m: any) => {
      if (m?.type === 'ready') { clearTimeout(timer); resolve(m.port) }
    })
  })
  const exited = new Promise<void>((resolve) => (proc.exitCode !== null ? resolve() : proc.once('exit', () => resolve())))
  return {
    proc,
    port,
    url: `http://127.0.0.1:${port}`,
    ask(msg, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { proc.off('message', on); reject(new Error(`no answer to ${msg.type} within ${timeoutMs} ms`)) }, timeoutMs)
        const on = (m: any) => {
          if (m?.type !== msg.type) return
          clearTimeout(timer)
          proc.off('message', on)
          resolve(m)
        }
        proc.on('message', on)
        proc.send(msg)
      })
    },
    memory() {
      const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8')
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
      return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024 }
    },
    async stop() {
      if (proc.exitCode === null && proc.connected) proc.send({ type: 'stop' })
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000)   // only this child, by its own handle
      await exited
      clearTimeout(timer)
    },
  }
}

import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
// `--import tsx` resolves from the working directory; the loader's own path works from anywhere.
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href

/** Runs one of the project's entry points the way npm does, as a child process with its own env. */
export function startProcess(script: string, env: Record<string, string>, args: string[] = [], cwd = ROOT) {
  const child = spawn(process.execPath, ['--import', TSX, `${ROOT}${script}`, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d) => (stdout += d))
  child.stderr!.on('data', (d) => (stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    child,
    exited,
    get stdout() { return stdout },
    get stderr() { return stderr },
    /** Resolves once stdout contains `text`. */
    async waitForOutput(text: string, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs
      while (!stdout.includes(text)) {
        if (Date.now() > deadline) throw new Error(`no "${text}" in output:\n${stdout}\n${stderr}`)
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before "${text}":\n${stdout}\n${stderr}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
  }
}
export type Started = ReturnType<typeof startProcess>

/** Runs to completion and returns exit code and output. */
export async function runProcess(script: string, env: Record<string, string>, args: string[] = [], input?: string, cwd = ROOT) {
  const p = startProcess(script, env, args, cwd)
  if (input !== undefined) p.child.stdin!.end(input)
  else p.child.stdin!.end()
  const code = await p.exited
  return { code, stdout: p.stdout, stderr: p.stderr }
}

export function killHard(p: Started) {
  p.child.kill('SIGKILL')
  return p.exited
}

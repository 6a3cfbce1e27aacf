import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
/** The entry points, as `npm start`, `npm run admin` and `npm run demo` run them: compiled, in dist/. */
const ENTRIES: Record<string, string> = { 'src/main.ts': 'dist/main.js', 'src/admin/cli.ts': 'dist/admin.js', 'src/demo.ts': 'dist/demo.js' }
// A test's own script (tests/helpers/*.ts) runs through the TypeScript loader, named by its path so that it
// resolves from any working directory.
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href

/**
 * What node runs for `script`: an entry point's compiled twin in dist/ (tests/global-setup.ts keeps it
 * current), or a test's own TypeScript script through the loader.
 */
export function nodeArgs(script: string): string[] {
  const entry = ENTRIES[script]
  return entry ? [`${ROOT}${entry}`] : ['--import', TSX, `${ROOT}${script}`]
}

/** Runs one of the project's entry points the way npm does, as a child process with its own env. */
export function startProcess(script: string, env: Record<string, string>, args: string[] = [], cwd = ROOT) {
  const child = spawn(process.execPath, [...nodeArgs(script), ...args], {
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

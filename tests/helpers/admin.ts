import { runCli } from '../../src/admin/cli'

/**
 * Runs one admin command in this process, as `npm run admin -- …` would with only `env` set: the same
 * runCli the entry point calls, minus a process start per case. The entry point itself (exit status,
 * `.env`, a closed pipe) is tried by spawning it in tests/admin-cli.test.ts.
 */
export async function runAdmin(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    env,
    out: (line) => { stdout += `${line}\n` },
    err: (line) => { stderr += `${line}\n` },
  })
  return { code, stdout, stderr }
}

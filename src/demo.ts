import { createInterface } from 'node:readline'
import { readDotEnv } from './config'
import { openDemo } from './demo-session'
import { style } from './demo-render'

const DEMO_DB = './data/demo.db'

/**
 * `npm run demo`: the whole bot in a terminal, no Feishu account needed (src/demo-session.ts), with the
 * battle map served on a local port. Input can be piped in: each line is answered, and it exits at the end.
 */
async function main() {
  const tty = !!process.stdout.isTTY && !!process.stdin.isTTY
  const env = { ...readDotEnv(), ...process.env }
  const port = env.PORT ? Number(env.PORT) : 3000
  const session = await openDemo({ dbPath: DEMO_DB, env, port, tty })
  const print = (s: string) => s && process.stdout.write(`${s}\n`)
  print(session.banner())
  const rl = createInterface({ input: process.stdin, terminal: tty })
  if (tty) rl.setPrompt(style('你> ', 'bold', tty))
  if (tty) rl.prompt()
  for await (const raw of rl) {
    const line = raw.trim()
    if (!tty && line) print(style(`> ${line}`, 'dim', tty))
    if (line === ':quit' || line === ':q') break
    if (line) print((await session.line(line)).output)
    if (tty) rl.prompt()
  }
  rl.close()
  await session.close()
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})

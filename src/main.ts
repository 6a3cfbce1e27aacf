import { ConfigError, loadConfig, readDotEnv } from './config'
import { DatabaseCorruptError } from '../db/open'
import { startWhenWritable } from './start-when-writable'

/** `npm start`: config → bot; SIGTERM/SIGINT stop intake, finish in-flight work, flush, close the database. */
async function main() {
  const config = loadConfig({ ...readDotEnv(), ...process.env })
  const bot = await startWhenWritable(config)   // a read-only or full disk: waits (503) instead of exiting
  let stopping = false
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return
      stopping = true
      bot.stop().then(() => process.exit(0), (err) => {
        console.error(err)
        process.exit(1)
      })
    })
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(`${err.message}\n\n每一项的说明见 .env.example。没有飞书账号？先运行 npm run demo 在终端里体验。`)
  } else if (err instanceof DatabaseCorruptError) {
    console.error(err.message)
  } else {
    console.error(err instanceof Error ? err.stack ?? err.message : err)
  }
  process.exit(1)
})

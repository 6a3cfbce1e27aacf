import { ConfigError, loadConfig, readDotEnv } from './config'
import { createBot } from './app'

/** `npm start`: config → bot; SIGTERM/SIGINT stop intake, finish in-flight work, flush, close the database. */
async function main() {
  let config
  try {
    config = loadConfig({ ...readDotEnv(), ...process.env })
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    console.error(`${err.message}\n\n每一项的说明见 .env.example。没有飞书账号？先运行 npm run demo 在终端里体验。`)
    process.exit(1)
  }
  const bot = createBot({ config })
  await bot.start()
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
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})

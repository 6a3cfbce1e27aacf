import { mkdirSync } from 'node:fs'
import Database from 'better-sqlite3'
import { createChat } from './chat'
import { startBot, startSim } from './bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './fixture'
import { tempDbPath, tempDir } from './temp'
import { publishRanking } from '../../src/scoring/publish'
import { parsePeriod } from '../../src/domain/dates'

const dm = (openId: string) => ({ openId, chatType: 'p2p' as const, chatId: `oc_p2p_${openId}` })

export type Served = Awaited<ReturnType<typeof serveFixture>>

/** The bot on a fixture with every tile colour and published rankings (the browser starts in beforeAll). */
export async function serveFixture(artifacts: string) {
  const sim = await startSim()
  const dbPath = tempDbPath(tempDir())
  seedFixture(dbPath)
  seedYellowTask(dbPath)
  const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
  const { chat } = createChat(sim, bot)
  // 周山村 slightly behind (yellow), 红岩洞村@南江镇 meeting every item (green).
  await chat('/村 上报 V002 产业路修建 45%', dm(PEOPLE.admin))
  for (const item of ['集体经济', '硬化路', '卫生室', '文化室', '通信网络']) await chat(`/村 上报 V004 ${item} 完成`, dm(PEOPLE.admin))
  // Three published months, by the ranking job's own code, for the trend chart.
  for (const m of ['2018-03', '2018-04', '2018-05']) publishRanking(bot.bot.deps, parsePeriod(m)!, '2018-06-15', FIXTURE_NOW)
  mkdirSync(artifacts, { recursive: true })
  return { bot, chat }
}

/** A task for a yellow tile (周山村, started 2018-05-01, due 2018-07-31). */
function seedYellowTask(dbPath: string) {
  const db = new Database(dbPath)
  db.exec(`INSERT INTO tasks (code, list, category, title, village_code, unit, target, measure, start_date, due_date)
           VALUES ('T005', '行业投入', '产业发展', '产业路修建', 'V002', '县交通局', NULL, NULL, '2018-05-01', '2018-07-31')`)
  db.close()
}

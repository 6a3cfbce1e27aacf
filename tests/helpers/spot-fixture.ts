import Database from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { seedFixture } from './fixture'

/**
 * The small county of ./fixture.ts with enough households to draw from: 团结乡红岩洞村 (V001) gets ten more
 * exited households (H101–H110) besides H001, 团结乡周山村 (V002) four more besides H004 (H201–H204); so
 * 团结乡 has 16 当年脱贫/已脱贫 households in two villages. The zone chat oc_zone1 is bound to 第一战区.
 * Phases are dated so that 2018-06-15 falls in 绣花帮扶.
 */
export function seedSpotFixture(dbPath: string, dir: string): { configPath: string } {
  seedFixture(dbPath)
  const db = new Database(dbPath)
  const add = db.prepare(`INSERT INTO households (code, village_code, head_name, size, status) VALUES (?, ?, ?, ?, ?)`)
  db.transaction(() => {
    for (let i = 1; i <= 10; i++) add.run(`H1${String(i).padStart(2, '0')}`, 'V001', `黄${'甲乙丙丁戊己庚辛壬癸'[i - 1]}英`, 3, i % 2 ? '当年脱贫' : '已脱贫')
    for (let i = 1; i <= 4; i++) add.run(`H20${i}`, 'V002', `周${'甲乙丙丁'[i - 1]}华`, 2, '已脱贫')
    db.prepare(`INSERT INTO chat_bindings (chat_id, zone_id, bound_by, bound_at) VALUES ('oc_zone1', 1, 'test', 0)`).run()
  })()
  db.close()
  const configPath = join(dir, 'zhanqu.json')
  writeFileSync(configPath, JSON.stringify({
    phases: [
      { name: '集中攻坚', end: '2018-03-31' }, { name: '绣花帮扶', end: '2018-06-30' }, { name: '县级自验', end: '2018-09-30' },
      { name: '整改补短', end: null }, { name: '自查自验', end: null }, { name: '查漏补缺', end: null }, { name: '接受验收', end: null },
    ],
  }))
  return { configPath }
}

/** The 16 households 团结乡 draws from by default, as 户编号. */
export const TUANJIE_EXITED = ['H001', 'H004', ...Array.from({ length: 10 }, (_, i) => `H1${String(i + 1).padStart(2, '0')}`), 'H201', 'H202', 'H203', 'H204']

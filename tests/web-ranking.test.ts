import { fixed } from '../src/domain/score'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { createDeps } from '../src/deps'
import { loadConfig } from '../src/config'
import { DEFAULT_SETTINGS } from '../src/settings'
import { createLogger } from '../src/log'
import { parsePeriod } from '../src/domain/dates'
import { publishRanking } from '../src/scoring/publish'
import { createRankings } from '../db/repos/rankings'
import { readRanking } from '../src/web/ranking-data'
import { NO_RANKING, rankingSection } from '../src/web/pages/ranking'
import { FIXTURE_NOW, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'

const dir = tempDir()

/** The fixture county, with the ranking job's own code publishing the given periods. */
function county(periods: string[], before?: (db: ReturnType<typeof openDatabase>) => void) {
  const path = tempDbPath(dir)
  seedFixture(path)
  const db = openDatabase(path)
  before?.(db)
  const deps = createDeps(db, loadConfig({ DATABASE_PATH: path }, { lark: false }), DEFAULT_SETTINGS, createLogger('silent'))
  for (const p of periods) publishRanking(deps, parsePeriod(p)!, '2018-06-15', FIXTURE_NOW)
  return db
}

describe('the published ranking on the map', () => {
  it('says there is none before anything is published', () => {
    const data = readRanking(createRankings(county([])), { kind: 'county' })
    expect(data).toEqual({ latest: null, trend: null })
    expect(String(rankingSection(data))).toContain(NO_RANKING)
  })

  it('shows the county the latest ranking, with the figures the ranking job froze, and each zone\'s trend', () => {
    const db = county(['2018-04', '2018-05'])
    const data = readRanking(createRankings(db), { kind: 'county' })
    expect(data.latest!.period).toBe('2018-05')
    const frozen = createRankings(db).zones('2018-05')
    expect(data.latest!.zones).toEqual(frozen.map((z) => ({ name: z.zoneName, zoneId: z.zoneId, rank: z.rank, score: z.score, shown: fixed(z.score!) })))
    const rows = createRankings(db).snapshot('2018-05')!.rows
    expect(data.latest!.townships.map((t) => [t.name, t.rank, t.score])).toEqual(rows.map((r) => [r.townshipName, r.rank, r.score]))
    expect(data.trend!.months).toEqual(['2018-04', '2018-05'])
    expect(data.trend!.series.map((s) => s.name)).toEqual(['第一战区', '第二战区'])
    expect(data.trend!.series[0]!.scores[1]).toBe(Number(fixed(frozen.find((z) => z.zoneId === 1)!.score!)))
    const html = String(rankingSection(data))
    expect(html).toContain('<canvas id="trend-chart"')
    expect(html).toContain('<script type="application/json" id="trend-data">')
    expect(html).toContain('乡镇（全县名次）')
  })

  it('prefers a quarter published after its months', () => {
    expect(readRanking(createRankings(county(['2018-04', '2018-05', '2018-Q2'])), { kind: 'county' }).latest!.period).toBe('2018-Q2')
  })

  it('shows a commander only their zone, its townships ranked within it', () => {
    const db = county(['2018-04', '2018-05'])
    const data = readRanking(createRankings(db), { kind: 'zone', zoneId: 1 })
    expect(data.latest!.zones.map((z) => z.name)).toEqual(['第一战区'])
    expect(data.latest!.townships.map((t) => t.name).sort()).toEqual(['南江镇', '团结乡'])
    const zoneRanks = createRankings(db).snapshot('2018-05')!.rows.filter((r) => r.zoneId === 1).map((r) => r.zoneRank)
    expect(data.latest!.townships.map((t) => t.rank).sort()).toEqual(zoneRanks.sort())
    expect(data.trend!.series.map((s) => s.name)).toEqual(['第一战区'])
    const html = String(rankingSection(data))
    expect(html).not.toContain('第二战区')
    expect(html).not.toContain('红四乡')
    expect(html).toContain('乡镇（战区内名次）')
  })

  it('escapes names in the tables and in the JSON handed to the chart', () => {
    const db = county(['2018-05'], (d) => d.exec(`UPDATE zones SET name = '</script><script>alert(1)</script>' WHERE id = 1`))
    const html = String(rankingSection(readRanking(createRankings(db), { kind: 'county' })))
    expect(html).not.toContain('<script>alert')
    expect(html).toContain('\\u003c/script>')
    expect(html).toContain('&lt;/script&gt;')
  })
})

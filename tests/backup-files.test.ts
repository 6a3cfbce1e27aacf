import Database from 'better-sqlite3'
import { execSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startBot, startSim } from './helpers/bot'
import { runAdmin } from './helpers/admin'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { get, openLink, tokenIn } from './helpers/map'
import { createPhotoChat, dm, group, JPEG, PNG } from './helpers/photos'
import { tempDir } from './helpers/temp'

// `admin backup` keeps the photos the database refers to beside its copy, and the README's Restore puts
// them back: photos stored through the real chat path (simulator, SDK download), a real backup through the
// admin CLI, a restore into a fresh folder by the README's own command, and a bot started on it.
const sim = await startSim()
const dir = tempDir()
const live = join(dir, 'live')
const liveDb = join(live, 'zhanqu.db')
const backups = join(dir, 'backups')
mkdirSync(backups)
seedFixture(liveDb)
const bot = await startBot(sim, { dbPath: liveDb, clock: () => FIXTURE_NOW })
const photos = createPhotoChat(sim, bot)
// The smallest GIF there is (1×1, transparent): a third kind of picture, a third file.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const evidencePath = (root: string, data: Buffer, ext: string) => join(root, 'evidence', sha256(data).slice(0, 2), `${sha256(data)}.${ext}`)

/** Every file under `root`, as paths relative to it. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name))).sort()
}

const stored: { first?: number; second?: number } = {}

describe('admin backup keeps the photo evidence; the README restore puts it back', () => {
  it('copies each photo a record refers to (withdrawn ones too), checked by sha256; a restore by the README serves them again', async () => {
    const first = await photos.report('/村 上报 团结乡红岩洞村 通村道路硬化 12/15')
    const second = await photos.report('/村 上报 团结乡红岩洞村 卫生室建设 50%')
    Object.assign(stored, { first: first.id, second: second.id })
    expect(await photos.replyWithImage(first.answerId, PEOPLE.team1, PNG)).toContain('共 1 张')
    expect(await photos.replyWithImage(first.answerId, PEOPLE.team1, JPEG)).toContain('共 2 张')
    expect(await photos.replyWithImage(second.answerId, PEOPLE.team1, PNG)).toContain('共 1 张')   // the same photo: one file
    expect(await photos.replyWithImage(second.answerId, PEOPLE.team1, GIF)).toContain('共 2 张')
    // A refused upload leaves no file behind: only the three photos are on disk.
    expect(await photos.replyWithImage(second.answerId, PEOPLE.team1, Buffer.from('<html>not a photo</html>'))).toContain('不是 JPG、PNG、GIF 或 WebP 照片')
    expect(filesUnder(join(live, 'files'))).toEqual([
      evidencePath('', PNG, 'png'), evidencePath('', JPEG, 'jpg'), evidencePath('', GIF, 'gif'),
    ].sort())
    // The second record is withdrawn: its row and its photos stay in the database, so in the backup.
    expect(await photos.chat(`/撤销 ${second.id}`, group(PEOPLE.team1))).toContain('已撤销')

    const out = join(backups, 'zhanqu-2018-06-15.db')
    const r = await runAdmin(['backup', out], { DATABASE_PATH: liveDb })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toBe('')
    const bytes = PNG.length + JPEG.length + GIF.length
    expect(r.stdout).toContain(`现场照片 3 个文件，${bytes.toLocaleString('en-US')} 字节`)
    expect(r.stdout).toContain(`在 ${out}.files/`)
    const kept = `${out}.files`
    for (const [data, ext] of [[PNG, 'png'], [JPEG, 'jpg'], [GIF, 'gif']] as const) {
      expect(readFileSync(evidencePath(kept, data, ext)).equals(data)).toBe(true)
    }
    expect(filesUnder(kept)).toHaveLength(3)

    // README, Restore, into a fresh folder with FILES_DIR of its own: the database, then the README's command.
    await bot.stop()
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const restore = /\*\*Restore\*\*:([^\n]*\n)+?(?=\n|- \*\*)/.exec(readme)?.[0] ?? ''
    const command = /`(cp -a (\S+)\.files\/\. "\$FILES_DIR"\/)`/.exec(restore.replace(/\n\s*/g, ' '))
    expect(command, restore).not.toBeNull()
    const restored = join(dir, 'restored')
    const restoredDb = join(restored, 'zhanqu.db')
    const restoredFiles = join(restored, 'photos')
    mkdirSync(restored)
    copyFileSync(out, restoredDb)
    execSync(command![1]!.replace(command![2]!, out), { env: { ...process.env, FILES_DIR: restoredFiles }, shell: '/bin/sh' })
    expect(filesUnder(restoredFiles)).toEqual(filesUnder(kept))

    const again = await startBot(sim, { dbPath: restoredDb, clock: () => FIXTURE_NOW, env: { FILES_DIR: restoredFiles } })
    const chat = createPhotoChat(sim, again)
    const progress = await chat.chat('/村 进度 团结乡红岩洞村', group(PEOPLE.team1))
    expect(progress).toMatch(new RegExp(`#${first.id} [^\\n]*📷`))
    const session = (await openLink(again, tokenIn(await chat.chat('/作战图', dm(PEOPLE.commander1))))).cookie
    const page = await get(again, '/map/village/V001', session)
    const links = [...page.html.matchAll(/href="(\/map\/evidence\/\d+)"/g)].map((m) => m[1]!)
    expect(links).toHaveLength(2)   // the first record's two photos; the withdrawn record shows none
    const served = await Promise.all(links.map(async (href) => {
      const res = await fetch(`${again.url}${href}`, { headers: { cookie: session! } })
      expect(res.status).toBe(200)
      return Buffer.from(await res.arrayBuffer())
    }))
    expect(served.map(sha256).sort()).toEqual([PNG, JPEG].map(sha256).sort())
    await again.stop()
  }, 60_000)

  it('a photo missing or damaged on disk: listed with its records, the database still backed up whole, exit status 3', async () => {
    expect(stored.first).toBeDefined()
    rmSync(evidencePath(join(live, 'files'), JPEG, 'jpg'))
    const damaged = Buffer.from(GIF)
    damaged[damaged.length - 2]! ^= 0xff
    writeFileSync(evidencePath(join(live, 'files'), GIF, 'gif'), damaged)

    const out = join(backups, 'incomplete.db')
    const r = await runAdmin(['backup', out], { DATABASE_PATH: liveDb })
    expect(r.code).toBe(3)
    expect(r.stdout).toContain('完整性检查通过')
    expect(r.stdout).toContain(`现场照片 1 个文件，${PNG.length.toLocaleString('en-US')} 字节`)
    expect(r.stderr).toContain(`${evidencePath('', JPEG, 'jpg')}（记录 #${stored.first}）：文件不存在`)
    expect(r.stderr).toContain(`${evidencePath('', GIF, 'gif')}（记录 #${stored.second}）：内容与 sha256 不符`)
    expect(r.stderr).toContain('数据库已完整备份')
    // The database copy has every row; the folder only what was sound.
    const copy = new Database(out, { readonly: true })
    expect(copy.prepare(`SELECT COUNT(*) FROM evidence`).pluck().get()).toBe(4)
    copy.close()
    expect(filesUnder(`${out}.files`)).toEqual([evidencePath('', PNG, 'png')])
  }, 30_000)

  it('refuses to write over an earlier backup or its photo folder, and writes nothing then', async () => {
    const out = join(backups, 'zhanqu-2018-06-15.db')
    const both = await runAdmin(['backup', out], { DATABASE_PATH: liveDb })
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('文件已存在，不会覆盖')
    expect(both.stderr).toContain('照片目录已存在，不会覆盖')
    const lone = join(backups, 'folder-only.db')
    mkdirSync(`${lone}.files`)
    const folder = await runAdmin(['backup', lone], { DATABASE_PATH: liveDb })
    expect(folder.code).toBe(2)
    expect(folder.stderr).toContain(`照片目录已存在，不会覆盖：${lone}.files`)
    expect(existsSync(lone)).toBe(false)
  })
})

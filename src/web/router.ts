import { parse as parseCookies } from 'cookie'
import express, { type Request, type Response } from 'express'
import type { Deps } from '../deps'
import type { VillageRef } from '../../db/repos/lookup'
import { localDate } from '../domain/dates'
import { UserError } from '../reply'
import { isBusy } from '../db-health'
import type { MapSession } from './access'
import { covers } from './remit'
import { FORBIDDEN, NOT_FOUND, UNAUTHORIZED, messagePage } from './html'
import { countyPage, townshipPage, zonePage } from './pages/area'
import { villagePage } from './pages/village'
import type { PageContext } from './pages/context'
import { cachedAreaView, createAreaCache } from './area-cache'
import { staticFile } from './static-files'
import { fileFolders } from '../files/store'

export const SESSION_COOKIE = 'zq_map'

/** No inline script or style, nothing from elsewhere: a village name that smuggles in markup can do nothing. */
export const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'",
  "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ')

type Page = (ctx: PageContext, req: Request) => { status: number; html: string }
const ok = (html: string) => ({ status: 200, html })
const forbidden = () => ({ status: 403, html: FORBIDDEN() })
const notFound = () => ({ status: 404, html: NOT_FOUND() })

/**
 * The battle map (docs/interface.md): `GET /map?token=…` opens a session and renders the map in the same
 * response (a SameSite=Strict cookie set by a redirect that began in Feishu would not be sent back);
 * every other page needs the session and checks its remit. URLs are never logged: they may carry a token.
 */
export function createMapRouter(deps: Deps & { clock: () => Date }) {
  const { log, config } = deps
  const access = deps.mapAccess
  const areaCache = createAreaCache(deps.changeStamp)
  access.ensureKey()   // makes the signing key on first start when WEB_SECRET is unset
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: config.TIMEZONE, hour: '2-digit', minute: '2-digit', hour12: false })
  const secure = config.publicUrl.startsWith('https:')
  const folders = fileFolders({ databasePath: deps.databaseFile ?? ':memory:', filesDir: config.FILES_DIR })
  const router = express.Router()

  router.use('/map', (_req, res, next) => {
    res.set({
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-store',
    })
    next()
  })

  router.get('/map/static/:file', (req, res) => {
    const file = staticFile(String(req.params.file))
    if (!file) return void send(res, notFound())
    res.set({ 'Content-Type': file.type, 'Cache-Control': 'public, max-age=3600' }).send(file.body)
  })

  const home: Page = (ctx) => {
    const r = ctx.session.remit
    if (r.kind === 'county') return ok(countyPage(ctx))
    const zone = deps.lookup.zone(r.zoneId)
    return zone ? ok(zonePage(ctx, zone)) : notFound()
  }

  router.get('/map', (req, res) => {
    const now = deps.clock()
    if (req.query.token === undefined) return guarded(home)(req, res)
    const result = access.redeem(req.query.token, now)
    if (!result.ok) {
      log.info({ reason: result.reason }, 'battle map link refused')
      return void unauthorized(res)
    }
    const maxAge = Math.max(1000, result.session.expiresAt - now.getTime())
    res.cookie(SESSION_COOKIE, result.cookie, { httpOnly: true, sameSite: 'strict', path: '/map', maxAge, secure })
    log.info({ kind: result.session.kind, remit: result.session.remit }, 'battle map session opened')
    render(res, home, contextFor(result.session, now), req)
  })

  router.get('/map/zone/:id', guarded((ctx, req) => {
    const zone = /^\d{1,9}$/.test(String(req.params.id)) ? deps.lookup.zone(Number(req.params.id)) : undefined
    if (!zone) return notFound()
    return covers(ctx.session.remit, zone.id) ? ok(zonePage(ctx, zone)) : forbidden()
  }))

  router.get('/map/township/:code', guarded((ctx, req) => {
    const t = deps.lookup.township(String(req.params.code))
    if (!t) return notFound()
    return covers(ctx.session.remit, t.zoneId) ? ok(townshipPage(ctx, t)) : forbidden()
  }))

  router.get('/map/village/:code', guarded((ctx, req) => {
    const v = villageByCode(String(req.params.code))
    if (!v) return notFound()
    return covers(ctx.session.remit, v.zoneId) ? ok(villagePage(ctx, v)) : forbidden()
  }))

  // A photo replied to a record as evidence: to a person whose remit covers the record's place, never to a
  // wall screen. Its type was read from its bytes when it was stored; nosniff (above) keeps it an image.
  router.get('/map/evidence/:id', (req, res) => {
    const now = deps.clock()
    const session = access.session(cookieOf(req, SESSION_COOKIE), now)
    if (!session) return void unauthorized(res)
    const id = /^\d{1,12}$/.test(String(req.params.id)) ? Number(req.params.id) : 0
    const photo = id > 0 ? deps.evidence.file(id) : null
    if (!photo) return void send(res, notFound())
    if (session.kind === 'wall' || !covers(session.remit, photo.zoneId)) return void send(res, forbidden())
    res.set({ 'Content-Type': photo.type, 'Cache-Control': 'private, no-store', 'Content-Disposition': 'inline' })
    res.sendFile(folders.evidencePath(photo.sha256, photo.type), { cacheControl: false, lastModified: false }, (err) => {
      if (err && !res.headersSent) send(res, notFound())
    })
  })

  // Anything else under /map: the same answer with or without a session, so nothing is learnt from it.
  router.use('/map', (_req, res) => send(res, notFound()))
  // Opening a link writes (it is single-use); while another process holds the write lock, ask for a reload.
  router.use('/map', (err: unknown, _req: Request, res: Response, next: (err: unknown) => void) => {
    if (!isBusy(err)) return next(err)
    res.set('Retry-After', '5')
    send(res, { status: 503, html: messagePage('系统正忙', '数据正在更新，请几秒后刷新页面。') })
  })

  /** By code only: the resolver also matches names, and a URL must name exactly one village. */
  function villageByCode(code: string): VillageRef | null {
    try {
      const v = deps.resolve.village(code)
      return v.code === code ? v : null
    } catch (err) {
      if (err instanceof UserError) return null
      throw err
    }
  }

  function guarded(pageFn: Page) {
    return (req: Request, res: Response) => {
      const now = deps.clock()
      const session = access.session(cookieOf(req, SESSION_COOKIE), now)
      if (!session) return void unauthorized(res)
      render(res, pageFn, contextFor(session, now), req)
    }
  }

  function contextFor(session: MapSession, now: Date): PageContext {
    const today = localDate(now, config.TIMEZONE)
    return { deps, today, stamp: `${today} ${clock.format(now)}`, session, area: (where) => cachedAreaView(areaCache, deps, where, today) }
  }

  function render(res: Response, pageFn: Page, ctx: PageContext, req: Request) {
    try {
      send(res, pageFn(ctx, req))
    } catch (err) {
      log.error({ err, path: req.path }, 'battle map page failed')
      res.status(500).type('html').send(messagePage('出错了', '页面暂时无法显示，请稍后刷新。'))
    }
  }

  function unauthorized(res: Response) {
    res.clearCookie(SESSION_COOKIE, { path: '/map', httpOnly: true, sameSite: 'strict', secure })
    send(res, { status: 401, html: UNAUTHORIZED() })
  }

  return router
}

function send(res: Response, page: { status: number; html: string }) {
  res.status(page.status).type('html').send(page.html)
}

/** One cookie's value from the Cookie header, parsed as express's own cookie writer reads it back. */
export function cookieOf(req: Request, name: string): string | undefined {
  return parseCookies(req.headers.cookie ?? '')[name]
}

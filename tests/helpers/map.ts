import { expect } from 'vitest'
import type { TestBot } from './bot'

/** The token in a `/作战图` reply (the link is `${PUBLIC_URL}/map?token=…`). */
export function tokenIn(reply: string): string {
  const m = /\/map\?token=([A-Za-z0-9_.-]+)/.exec(reply)
  if (!m) throw new Error(`no map link in: ${reply}`)
  return m[1]!
}

export interface MapResponse {
  status: number
  html: string
  headers: Headers
  /** The session cookie's `name=value`, when one was set. */
  cookie: string | null
  setCookie: string | null
}

/** A request as a browser would send it (no redirect following: the map must never redirect). */
export async function get(bot: TestBot, path: string, cookie?: string | null): Promise<MapResponse> {
  const res = await fetch(`${bot.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} })
  const setCookie = res.headers.get('set-cookie')
  const pair = setCookie && /^zq_map=([^;]+)/.exec(setCookie)
  return { status: res.status, html: await res.text(), headers: res.headers, cookie: pair && pair[1] ? `zq_map=${pair[1]}` : null, setCookie }
}

export const openLink = (bot: TestBot, token: string) => get(bot, `/map?token=${encodeURIComponent(token)}`)

/** The page's visible text, tags dropped and whitespace collapsed (for comparing figures with chat cards). */
export function textOf(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ').trim()
}

/** A 401 with nothing of the county in it. */
export function expectUnauthorized(r: MapResponse, villageNames: string[] = ['红岩洞村', '周山村', '惠民村', '第一战区', '团结乡']) {
  expect(r.status).toBe(401)
  expect(r.html).toContain('请重新获取链接')
  for (const n of villageNames) expect(r.html).not.toContain(n)
}

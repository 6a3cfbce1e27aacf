/**
 * Server-rendered HTML. Every interpolated value is escaped unless it is already `Html` (built by this
 * template): village names, task titles and report inputs come from imports and chat, so nothing is trusted.
 */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export const esc = (v: unknown): string => String(v).replace(/[&<>"']/g, (c) => ENTITIES[c]!)

function part(v: unknown): string {
  if (v === null || v === undefined || v === false) return ''
  if (v instanceof Html) return v.value
  if (Array.isArray(v)) return v.map(part).join('')
  return esc(v)
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!
  values.forEach((v, i) => (out += part(v) + strings[i + 1]!))
  return new Html(out)
}

/** JSON for a `<script type="application/json">` block (data, never executed): `<` cannot close the tag. */
export const jsonBlock = (id: string, data: unknown) =>
  new Html(`<script type="application/json" id="${esc(id)}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`)

export interface PageOptions {
  title: string
  body: Html
  /** Breadcrumbs above the title: [label, href]. */
  crumbs?: [string, string][]
  /** Seconds between reloads (wall screens). */
  refreshSec?: number
  /** A line under the title: the campaign's current phase and its deadline. */
  phase?: string
  /** Loads the charting library (only pages with a chart pay for it). */
  chart?: boolean
  footer?: string
}

export function page(o: PageOptions): string {
  const crumbs = o.crumbs?.length
    ? html`<nav class="crumbs">${o.crumbs.map(([label, href]) => html`<a href="${href}">${label}</a><span>›</span>`)}</nav>`
    : ''
  return `<!doctype html>${html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${o.title} · 作战图</title>
<link rel="stylesheet" href="/map/static/map.css">
${o.chart ? html`<script src="/map/static/chart.umd.min.js" defer></script>` : ''}
<script src="/map/static/map.js" defer></script>
</head>
<body${o.refreshSec ? html` class="wall" data-refresh="${o.refreshSec}"` : ''}>
<header class="top">${crumbs}<h1>${o.title}</h1>${o.phase ? html`<p class="phase">${o.phase}</p>` : ''}</header>
<main>${o.body}</main>
<footer>${o.footer ?? ''}</footer>
</body>
</html>`}`
}

/** A page with a status and a message only: it must hold no data at all (401, 403, 404, 500). */
export function messagePage(title: string, message: string): string {
  return page({
    title,
    body: html`<section class="notice"><p>${message}</p></section>`,
    footer: '战区助手 · 作战图',
  })
}

export const UNAUTHORIZED = () => messagePage('请重新获取链接', '链接无效、已使用或已过期，或登录已超时。请在飞书中私聊「战区助手」发送 /作战图，获取新的链接（10 分钟内有效，只能打开一次）。')
export const FORBIDDEN = () => messagePage('无权查看', '这个页面不在您的查看范围内。')
export const NOT_FOUND = () => messagePage('没有找到', '没有找到这个页面，请从作战图首页进入。')

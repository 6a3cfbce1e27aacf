import { UserError } from '../../reply'

export interface Page<T> {
  items: T[]
  /** 1-based. */
  page: number
  pages: number
  total: number
  /** Position of the first item in the whole list, 0-based. */
  offset: number
}

/** Page `page` (1-based) of `all`; a page past the end is refused with how many there are. */
export function pageOf<T>(all: readonly T[], page: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size))
  if (page > pages) throw new UserError(`只有 ${pages} 页（共 ${all.length} 项），没有第 ${page} 页。`, { showUsage: false })
  const offset = (page - 1) * size
  return { items: all.slice(offset, offset + size), page, pages, total: all.length, offset }
}

/**
 * What a page that does not end the list says under it: where it is and exactly what to send for the next
 * page (`command(n)` writes the command for page n). Nothing for a list that fits on one page.
 */
export function pageFooter(p: Page<unknown>, command: (page: number) => string): string | null {
  if (p.pages === 1) return null
  const where = `第 ${p.page}/${p.pages} 页（第 ${p.offset + 1}–${p.offset + p.items.length} 项，共 ${p.total} 项）`
  return p.page < p.pages ? `${where}。下一页：${command(p.page + 1)}` : `${where}，已到最后一页。第一页：${command(1)}`
}

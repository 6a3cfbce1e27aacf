import type { Deps } from '../deps'
import type { Book } from './book'

/** What `admin export <name> [--period …] [--year …]` was given; `today` is the county's calendar day. */
export interface ExportRequest {
  period?: string
  year?: string
  today: string
}

export interface ExportResult {
  book: Book
  /** What was exported, for the operator: 「考核排名 2018-05（48 个乡镇）」. */
  label: string
}

/**
 * One kind of Excel export. Adding one = a file exporting `defineExporter({...})` that builds a Book
 * (plain rows; ./render.ts does the formatting) and one line in ./index.ts. `build` reads only; it throws
 * ExportError for a request it cannot serve (unknown period…), which the CLI reports with exit status 2.
 */
export interface Exporter {
  /** The word after `export`: ranking, reports, sixiao… */
  name: string
  summary: string
  /** Which options it reads, and what each defaults to, for `--help`. */
  options: Partial<Record<'period' | 'year', string>>
  build(deps: Deps, req: ExportRequest): ExportResult
}

export const defineExporter = (e: Exporter): Exporter => e

/** A request the exporter cannot serve: the message says what was wrong (and what would work). */
export class ExportError extends Error {}

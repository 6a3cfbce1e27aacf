// Shared helpers of the benchmark: percentiles, timing loops bounded in count and time, the table.

export interface Summary { n: number; p50: number; p99: number; max: number; mean: number }

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b)
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN, mean }
}

/**
 * Runs `f` up to `maxCount` times or until `maxMs` has passed (whichever first), after `warmup` untimed
 * runs; returns the per-call times in ms.
 */
export function timeSync(f: (i: number) => unknown, o: { maxCount: number; maxMs: number; warmup?: number }): number[] {
  for (let i = 0; i < (o.warmup ?? 0); i++) f(i)
  const out: number[] = []
  const deadline = performance.now() + o.maxMs
  for (let i = 0; i < o.maxCount && performance.now() < deadline; i++) {
    const t = performance.now()
    f(i)
    out.push(performance.now() - t)
  }
  return out
}

/** One timed call, in ms. */
export function once<T>(f: () => T): { ms: number; value: T } {
  const t = performance.now()
  const value = f()
  return { ms: performance.now() - t, value }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

export const round = (x: number, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x)

/** A row of the printed table: what, the figure, the target, and whether it is met. */
export interface Row { section: string; what: string; value: string; target?: string; ok?: boolean }

export function formatTable(rows: readonly Row[]): string {
  const head = ['#', 'measurement', 'result', 'target', '']
  const body = rows.map((r) => [r.section, r.what, r.value, r.target ?? '', r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED'])
  // CJK characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0)
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i]!))))
  const line = (cells: string[]) => `| ${cells.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join(' | ')} |`
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n')
}

export const ms = (x: number) => `${round(x, x < 10 ? 2 : 1)} ms`

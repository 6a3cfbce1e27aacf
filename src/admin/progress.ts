/**
 * One self-overwriting line on stderr while a long import runs: rows, rows/s and, when the total is known,
 * percent and time left. Silent when stderr is not a terminal (cron, CI, a pipe), so logs stay clean.
 */
export function createProgress(write: (s: string) => void, enabled: boolean, now = () => performance.now()) {
  let base: { t: number; done: number } | null = null
  let lastDraw = 0
  let drawn = false
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
  return {
    update(label: string, done: number, total?: number) {
      if (!enabled) return
      const t = now()
      base ??= { t, done }
      if (t - lastDraw < 100 && done !== total) return
      lastDraw = t
      const seconds = (t - base.t) / 1000
      // The rate needs a little history to mean anything; until then only the count is shown.
      const rate = seconds >= 0.3 ? (done - base.done) / seconds : 0
      const parts = [total ? `${label} ${Math.floor((done / total) * 100)}% ${fmt(done)}/${fmt(total)} 行` : `${label} ${fmt(done)} 行`]
      if (rate > 0) parts.push(`${fmt(rate)} 行/秒`)
      if (rate > 0 && total) parts.push(`剩余约 ${Math.ceil(Math.max(total - done, 0) / rate)} 秒`)
      write(`\r\x1b[2K${parts.join(' · ')}`)
      drawn = true
    },
    /** Restarts the rate for the next phase (reading and writing have very different speeds). */
    phase() {
      base = null
      lastDraw = 0
    },
    end() {
      if (drawn) write('\r\x1b[2K')
      drawn = false
    },
  }
}

export type Progress = ReturnType<typeof createProgress>

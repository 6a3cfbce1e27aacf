/** A sliding-window limit ("at most `limit` in any `periodMs`"), as Lark counts its rate limits. */
export class RateWindow {
  private stamps: number[] = []
  constructor(readonly limit: number, readonly periodMs: number) {}

  /** The earliest time (ms) at which one more may go; `now` when one may go now. */
  nextFree(now: number): number {
    this.prune(now)
    return this.stamps.length < this.limit ? now : this.stamps[0]! + this.periodMs
  }

  take(now: number) {
    this.stamps.push(now)
  }

  /**
   * Moves one send counted at `from` to `to` (later). The sender counts a send from when Lark's answer
   * came: Lark counts it on arrival, somewhere in between, so sends a window apart by departure could
   * still land in one of Lark's windows when the earlier one travelled longer (→ 429).
   */
  redate(from: number, to: number) {
    const i = this.stamps.indexOf(from)
    if (i >= 0) this.stamps.splice(i, 1)
    let j = this.stamps.length
    while (j > 0 && this.stamps[j - 1]! > to) j--
    this.stamps.splice(j, 0, to)
  }

  private prune(now: number) {
    while (this.stamps.length > 0 && this.stamps[0]! + this.periodMs <= now) this.stamps.shift()
  }
}

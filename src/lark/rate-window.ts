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

  private prune(now: number) {
    while (this.stamps.length > 0 && this.stamps[0]! + this.periodMs <= now) this.stamps.shift()
  }
}

/**
 * The pause between two turns of a background loop (the outbox sender, the chat-file worker): `sleep(ms)`
 * ends when the time is up or when `wake()` says there is new work, whichever comes first.
 * `unref`: the pause alone does not keep the process running.
 */
export function createPause(o: { unref?: boolean } = {}) {
  let wake: (() => void) | null = null
  return {
    sleep(ms: number): Promise<void> {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms)
        if (o.unref) timer.unref()
        wake = () => { clearTimeout(timer); wake = null; resolve() }
      })
    },
    wake(): void {
      wake?.()
    },
  }
}

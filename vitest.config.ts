import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Worker threads (a workbook's rendering, a ranking, an import check) load the compiled twin of their
    // module that the global setup keeps current, as the running bot does (src/worker/entry.mjs).
    env: { ZHANQU_COMPILED_SRC: fileURLToPath(new URL('./dist/src', import.meta.url)) },
    // Every test file starts its own simulator and SQLite file, and much of a file's time is spent waiting
    // (on the simulator, a child process, a timer), so more files than cores run at once. On this 2-core
    // machine, quiet, `time npx vitest run --maxWorkers=N` (2026-12-06, 98 files; BENCHMARKS.md §12):
    // N=4 108.9–116.9 s (4 runs), N=5 100.9–111.3 s (3 runs). The tests that measure time allow for a
    // loaded machine.
    pool: 'forks',
    // Files share a worker's module cache instead of importing the whole bot again each (import time 110 s
    // → 28 s over the suite). They share no state through it: each builds its own deps, bot and database.
    isolate: false,
    maxWorkers: 5,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})

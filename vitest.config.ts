import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Every test file starts its own simulator and SQLite file. Most of a file's time is spent waiting (on
    // the simulator, a child process, a timer), so more files than cores can run at once: on this 2-core
    // machine the suite took 362 s with vitest's default (cores − 1 = one worker), 183 s with 3 and 171 s
    // with 4 (`time npx vitest run --maxWorkers=N`, 2026-12-05). With 3, any other load on the machine
    // timed out the tests that measure timing (a 429 pause, a bounded import); 2 keeps that margin for CI.
    pool: 'forks',
    // Files share a worker's module cache instead of importing the whole bot again each (import time 110 s
    // → 28 s over the suite). They share no state through it: each builds its own deps, bot and database.
    isolate: false,
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Every test file starts its own simulator and SQLite file. Most of a file's time is spent waiting (on
    // the simulator, a child process, a timer), so three files share this machine's two cores: the suite
    // takes 183 s with 3 and 362 s with vitest's default of one worker on two cores; 4 gained 12 s and
    // timed a test out (`time npx vitest run --maxWorkers=N`, 2026-12-05).
    pool: 'forks',
    maxWorkers: 3,
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})

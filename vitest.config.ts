import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Every test file starts its own simulator and SQLite file; two cores run two files at a time.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
})

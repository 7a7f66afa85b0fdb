import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@strata/source'] },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts', 'tools/**/*.test.ts'],
    reporters: ['default', './tools/summary-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});

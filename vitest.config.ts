// Test projects: unit (plain Node, mocked `electron` where needed), integration (real sshd and the real
// OpenClaw Gateway; also the security suite under test/security and the reliability suite under test/reliability),
// ui (the built renderer in real Chromium through the browser host), and bench (`npm run bench` only, through
// scripts/bench.mjs: measurements printed as one table, never asserted), and mac (`npm run test:mac`, the macOS
// workflow: the packaged app launched for real and its tunnel measured; `npm test` leaves it out, no Mac here).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/security/**/*.test.ts', 'test/reliability/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          setupFiles: ['test/security/fuzz-seed.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'ui',
          include: ['test/ui/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/ui/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'bench',
          include: ['test/bench/**/*.bench.ts'],
          environment: 'node',
          globalSetup: ['test/bench/global-setup.ts'],
          // One benchmark at a time: two side by side would measure each other.
          fileParallelism: false,
          testTimeout: 1_200_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'mac',
          include: ['test/mac/**/*.test.ts'],
          environment: 'node',
          // The app and the benchmark one after the other: side by side they would measure each other.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});

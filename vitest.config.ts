import { defineConfig } from 'vitest/config';

/**
 * Three projects mirror the layers: unit (models/, pure functions, components), integration
 * (scenarios/, SQLite files, the web host and CLI in Node), e2e (the built renderer through the
 * web host in Debian's Chromium); a fourth, faults, injects faults and bad input across them.
 */
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Fault injection and abuse (issue 10): SIGKILL, full disks, read-only folders, damaged
        // files, bad input at every boundary. `npm run test:faults` runs it alone and sums the
        // counts each file records under test-output/faults/ (docs/reliability.md).
        extends: true,
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

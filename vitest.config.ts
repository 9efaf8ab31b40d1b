import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local per worker, shared by its test files (each with tables of its own).
    globalSetup: ['test/support/dynamodb-global-setup.ts'],
    // Integration suites start DynamoDB Local (a JVM) and servers on fixed-free ports;
    // two cores do not gain from running many of them at once.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

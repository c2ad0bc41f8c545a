import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure logic, no services needed) and `integration` (a real Kafka broker and
// ClickHouse, provided by test/infra/global-setup.ts). Forks, not threads: embedded ClickHouse binds
// one data directory per process, so every integration test file gets a process of its own.
export default defineConfig({
  test: {
    pool: "forks",
    // Services log JSON to stdout; in tests only warnings and errors are worth reading.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    projects: [
      {
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts", "services/*/src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["packages/*/src/**/*.int.test.ts", "services/*/src/**/*.int.test.ts", "test/**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: ["test/infra/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

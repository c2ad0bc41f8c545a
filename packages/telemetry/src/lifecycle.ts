// Graceful shutdown on SIGTERM / SIGINT: run the stop steps in the order given (stop taking work,
// flush, commit, disconnect), once. A second signal exits at once.
import type { Logger } from "pino";

export function onShutdown(log: Logger, steps: Array<{ name: string; run: () => Promise<void> }>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const handler = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn({ signal }, "second signal: exiting now");
        process.exit(130);
      }
      stopping = true;
      log.info({ signal }, "shutting down");
      void (async () => {
        for (const step of steps) {
          try {
            await step.run();
          } catch (err) {
            log.error({ err, step: step.name }, "shutdown step failed");
          }
        }
        resolve();
      })();
    };
    process.once("SIGTERM", handler);
    process.once("SIGINT", handler);
  });
}

// The mail catcher as its own process: `node services/mail-capture/src/main.ts`. Listens for SMTP on
// LREW_SMTP_PORT (where the notifier sends by default) and shows the captured mail on
// LREW_MAIL_CAPTURE_PORT; files go to $LREW_HOME/mail.
import { parseConfig } from "@lrew/config";
import { createLogger, onShutdown } from "@lrew/telemetry";
import { startMailCapture } from "./capture.ts";

const log = createLogger("mail-capture.main");

export async function runMailCapture(env: Record<string, string | undefined> = process.env): Promise<void> {
  const config = parseConfig(env, env.LREW_ROOT ?? process.cwd());
  const capture = await startMailCapture({
    host: config.mailCapture.host,
    smtpPort: config.notifier.smtp.port,
    httpPort: config.mailCapture.port,
    dir: config.mailCapture.dir,
  });
  log.info({ smtp: `${capture.host}:${capture.smtpPort}`, url: capture.url }, "mail capture running");
  await onShutdown(log, [{ name: "mail capture", run: () => capture.close() }]);
}

if (import.meta.main) {
  runMailCapture().then(
    () => process.exit(0),
    (err: unknown) => {
      log.fatal({ err }, "mail capture failed");
      process.exit(1);
    },
  );
}

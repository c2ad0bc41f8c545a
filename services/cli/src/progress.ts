// Progress bars for long work (simulation, import): rate and time left, on stderr, and nothing
// at all when stderr is not a terminal (CI logs stay readable).
import cliProgress from "cli-progress";
import type { Lang } from "@lrew/contracts";

export interface Progress {
  update(value: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

export function progressBar(lang: Lang, o: { total: number; unit: string; counter: string }): Progress {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const eta = lang === "vi" ? "còn" : "left";
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `{bar} {percentage}% | {value}/{total} ${o.unit} | {count} ${o.counter} | {rate}/s | ${eta} {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(o.total, 0, { count: 0, rate: 0 });
  return {
    update(value, payload = {}) {
      const count = Number(payload.count ?? value);
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      bar.update(value, {
        ...payload,
        count: count.toLocaleString(lang === "vi" ? "vi-VN" : "en-US"),
        rate: Math.round(count / seconds).toLocaleString(lang === "vi" ? "vi-VN" : "en-US"),
      });
    },
    stop() {
      bar.stop();
    },
  };
}

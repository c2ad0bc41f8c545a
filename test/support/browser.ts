// Real headless Chromium for end-to-end tests: Debian's chromium (installed by
// infra/browsers/install-chromium.sh when missing) driven by playwright-core, which downloads no
// browser of its own. Collects console errors and page errors so tests can require none.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ROOT } from "./processes.ts";

/** Path of a Chromium executable, installing Debian's package first when there is none. */
export function chromiumPath(): string {
  const out = execFileSync(path.join(ROOT, "infra", "browsers", "install-chromium.sh"), {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const found = out.trim().split("\n").pop();
  if (!found) throw new Error("install-chromium.sh printed no path");
  return found;
}

export async function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs the tests as root, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ["--no-sandbox", "--disable-dev-shm-usage"] });
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
}

export async function watchedPage(browser: Browser, o: { locale?: string; acceptDownloads?: boolean } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({
    locale: o.locale ?? "vi-VN",
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: o.acceptDownloads ?? true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page: ${e.message}`));
  return { page, errors };
}

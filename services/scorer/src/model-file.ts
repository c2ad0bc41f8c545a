// Which model the scorer uses: LREW_MODEL_FILE when set; else the newest model fitted here
// (`./lrew model fit` writes $LREW_HOME/models/<version>.json); else the default shipped with lrew.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { DEFAULT_MODEL_FILE } from "@lrew/scoring";

export function modelsDir(home: string): string {
  return path.join(home, "models");
}

export function resolveModelFile(home: string, configured: string | undefined): string {
  if (configured) return configured;
  const dir = modelsDir(home);
  if (existsSync(dir)) {
    const newest = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => path.join(dir, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
    if (newest) return newest;
  }
  return DEFAULT_MODEL_FILE;
}

// What every command needs: the repository root, the validated configuration, the language.
import path from "node:path";
import { parseConfig, type LrewConfig } from "@lrew/config";
import type { Lang } from "@lrew/contracts";

export interface CliContext {
  root: string;
  config: LrewConfig;
  lang: Lang;
}

/** Vietnamese unless LREW_LANG asks for English: lrew's users read Vietnamese first. */
export function cliLang(env: Record<string, string | undefined>): Lang {
  return env.LREW_LANG?.toLowerCase().startsWith("en") ? "en" : "vi";
}

export function loadContext(env: Record<string, string | undefined> = process.env): CliContext {
  const root = env.LREW_ROOT ?? path.resolve(import.meta.dirname, "../../..");
  return { root, config: parseConfig(env, root), lang: cliLang(env) };
}

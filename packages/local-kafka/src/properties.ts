// Pure helpers: rendering the broker's server.properties and making a KRaft cluster id.
import { randomBytes } from "node:crypto";
import { FatalError } from "@lrew/errors";

export type TemplateVars = Record<string, string | number>;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Escapes a value for a Java .properties file (backslash is the escape character there). */
function escapePropertyValue(value: string): string {
  return value.replace(/\\/g, "\\\\");
}

/**
 * Replaces every `{{name}}` outside comment lines of a server.properties template with `vars[name]`. Throws FatalError
 * naming every placeholder without a value, and for values that would break the file (line breaks).
 */
export function renderServerProperties(template: string, vars: TemplateVars): string {
  const missing = new Set<string>();
  for (const [key, value] of Object.entries(vars)) {
    if (/[\r\n]/.test(String(value))) throw new FatalError(`server.properties value ${key} must not contain a line break`);
  }
  const out = template
    .split("\n")
    .map((line) => {
      // Comment lines are kept as they are, so they can mention placeholders.
      if (/^\s*[#!]/.test(line)) return line;
      return line.replace(PLACEHOLDER, (_match, name: string) => {
        const value = vars[name];
        if (value === undefined) {
          missing.add(name);
          return "";
        }
        return escapePropertyValue(String(value));
      });
    })
    .join("\n");
  if (missing.size > 0) {
    throw new FatalError(`server.properties template: no value for ${[...missing].map((m) => `{{${m}}}`).join(", ")}`);
  }
  return out;
}

/** Reads a .properties text into a map (enough for the files lrew writes: key=value lines, # comments). */
export function parseProperties(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    const eq = line.search(/[=:]/);
    if (eq < 0) continue;
    map.set(
      line.slice(0, eq).trim(),
      line
        .slice(eq + 1)
        .trim()
        .replace(/\\\\/g, "\\"),
    );
  }
  return map;
}

/** A KRaft cluster id: 16 random bytes in URL-safe base64 without padding (22 characters), as Kafka's Uuid prints. */
export function newClusterId(random: (n: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString("base64url");
    // Kafka refuses ids that start with '-' (they read as a command-line flag).
    if (!id.startsWith("-")) return id;
  }
}

/** Java's major version from `java -version` output (`"17.0.15"` → 17, `"1.8.0_402"` → 8), or undefined. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const m = /version\s+"(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m || m[1] === undefined) return undefined;
  const first = Number(m[1]);
  if (first === 1 && m[2] !== undefined) return Number(m[2]);
  return first;
}

/** The last `n` lines of a text, without a trailing empty line. */
export function lastLines(text: string, n: number): string {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines.slice(-n).join("\n");
}

// The examples the README and the provider docs point to must stay valid as the contracts evolve.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateRecord, type StreamName } from "@lrew/contracts";

const dir = path.resolve(import.meta.dirname, "../docs/examples");
const examples: Array<[StreamName, string]> = [
  ["enterprises", "enterprise.json"],
  ["grievances", "grievance.json"],
  ["wage-arrears", "wage-arrears.json"],
  ["insurance-contributions", "insurance-contribution.json"],
  ["incidents", "incident.json"],
];

describe("docs/examples", () => {
  it.each(examples)("%s example (%s) is a valid event", (stream, file) => {
    const result = validateRecord(stream, JSON.parse(readFileSync(path.join(dir, file), "utf8")));
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});

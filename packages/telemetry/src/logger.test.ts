import { describe, expect, it } from "vitest";
import { levelOf } from "./logger.ts";

describe("levelOf", () => {
  it("reads pino's numeric level at the start of a line", () => {
    expect(levelOf('{"level":40,"msg":"x"}\n')).toBe(40);
    expect(levelOf('{"level":30}')).toBe(30);
    expect(levelOf("not json")).toBe(0);
  });
});

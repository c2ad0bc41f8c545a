import { describe, expect, it } from "vitest";
import { computeLag, retainedMessages } from "./lag.ts";

describe("computeLag", () => {
  it("counts from the committed offset, or from the log start when nothing is committed", () => {
    const lag = computeLag(
      [
        { topic: "a", partition: 0, offset: "5" },
        { topic: "a", partition: 1, offset: "-1" },
      ],
      [
        { topic: "a", partition: 0, high: "8", low: "0" },
        { topic: "a", partition: 1, high: "4", low: "1" },
        { topic: "a", partition: 2, high: "0", low: "0" },
      ],
    );
    expect(lag.map((l) => Number(l.lag))).toEqual([3, 3, 0]);
  });
});

describe("retainedMessages", () => {
  it("adds up what each partition still holds", () => {
    expect(
      retainedMessages([
        { high: "10", low: "4" },
        { high: "3", low: "0" },
        { high: "0", low: "0" },
      ]),
    ).toBe(9n);
  });
});

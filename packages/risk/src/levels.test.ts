import { describe, expect, it } from "vitest";
import { levelSequence, levelThresholdsSchema, nextLevel, type LevelThresholds } from "./levels.ts";

const T: LevelThresholds = {
  watch: { enter: 0.02, exit: 0.015 },
  high: { enter: 0.05, exit: 0.035 },
  critical: { enter: 0.15, exit: 0.1 },
};

describe("levels with hysteresis", () => {
  it("enters levels at their enter thresholds", () => {
    expect(nextLevel(undefined, 0.01, T)).toBe("low");
    expect(nextLevel(undefined, 0.02, T)).toBe("watch");
    expect(nextLevel("low", 0.049, T)).toBe("watch");
    expect(nextLevel("low", 0.05, T)).toBe("high");
    expect(nextLevel("watch", 0.2, T)).toBe("critical");
  });

  it("keeps a level while the score stays at or above its exit threshold", () => {
    expect(nextLevel("high", 0.04, T)).toBe("high"); // below enter 0.05, above exit 0.035
    expect(nextLevel("high", 0.034, T)).toBe("watch");
    expect(nextLevel("critical", 0.11, T)).toBe("critical");
    expect(nextLevel("critical", 0.09, T)).toBe("high"); // high's exit applies to one already above it
    expect(nextLevel("critical", 0.03, T)).toBe("watch");
    expect(nextLevel("critical", 0.001, T)).toBe("low");
    expect(nextLevel("watch", 0.016, T)).toBe("watch");
    expect(nextLevel("watch", 0.014, T)).toBe("low");
  });

  it("a score hovering around the high threshold does not flap", () => {
    const hovering = [0.03, 0.051, 0.049, 0.052, 0.045, 0.05, 0.04, 0.055, 0.038, 0.049];
    const levels = levelSequence(hovering, T);
    expect(levels[0]).toBe("watch");
    expect(levels.slice(1)).toEqual(Array(9).fill("high"));
    // Without hysteresis (exit = enter) the same sequence changes level at almost every step.
    const flat: LevelThresholds = {
      watch: { enter: 0.02, exit: 0.02 },
      high: { enter: 0.05, exit: 0.05 },
      critical: { enter: 0.15, exit: 0.15 },
    };
    const flapping = levelSequence(hovering, flat);
    const changes = (ls: string[]) => ls.filter((l, i) => i > 0 && l !== ls[i - 1]).length;
    expect(changes(flapping)).toBeGreaterThanOrEqual(6);
    expect(changes(levels)).toBe(1);
  });

  it("leaves a level once the score clearly falls", () => {
    expect(levelSequence([0.06, 0.04, 0.03, 0.01], T)).toEqual(["high", "high", "watch", "low"]);
  });

  it("validates threshold files", () => {
    expect(levelThresholdsSchema.safeParse(T).success).toBe(true);
    expect(levelThresholdsSchema.safeParse({ ...T, high: { enter: 0.05, exit: 0.06 } }).success).toBe(false);
    expect(levelThresholdsSchema.safeParse({ ...T, critical: { enter: 0.04, exit: 0.03 } }).success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { BadInputError, ConfigError, FatalError, RetryableError } from "@lrew/errors";
import { KafkaRecordRejectedError, KafkaUnavailableError } from "./errors.ts";
import { planRetry, retryingKafkaCall, sleepWithHeartbeat } from "./retry.ts";

describe("planRetry", () => {
  it("waits out a retryable failure with a growing, capped backoff while the consumer is active", () => {
    expect(planRetry(new RetryableError("down"), 0, true)).toEqual({ action: "wait", waitMs: 250 });
    expect(planRetry(new RetryableError("down"), 2, true)).toEqual({ action: "wait", waitMs: 1000 });
    expect(planRetry(new RetryableError("down"), 30, true)).toEqual({ action: "wait", waitMs: 15_000 });
  });

  it("classifies by type: Kafka's unavailable error is retryable, its rejected record is not", () => {
    expect(planRetry(new KafkaUnavailableError("no leader"), 0, true).action).toBe("wait");
    expect(planRetry(new KafkaRecordRejectedError("too large"), 0, true)).toEqual({ action: "fail" });
  });

  it("lets bad input, fatal errors and programming errors propagate at once", () => {
    for (const err of [new BadInputError("x"), new FatalError("x"), new ConfigError("x"), new TypeError("x"), "a string"]) {
      expect(planRetry(err, 0, true)).toEqual({ action: "fail" });
      expect(planRetry(err, 0, false)).toEqual({ action: "fail" });
    }
  });

  it("abandons the work when the consumer stops while the dependency is down", () => {
    expect(planRetry(new RetryableError("down"), 3, false)).toEqual({ action: "stop" });
  });
});

describe("sleepWithHeartbeat", () => {
  it("returns at once without a heartbeat when the consumer is no longer active", async () => {
    let beats = 0;
    await sleepWithHeartbeat(60_000, { isActive: () => false, heartbeat: async () => void beats++ });
    expect(beats).toBe(0);
  });

  it("heartbeats while it waits and survives a failing heartbeat", async () => {
    let beats = 0;
    await sleepWithHeartbeat(5, {
      isActive: () => true,
      heartbeat: async () => {
        beats++;
        throw new Error("rebalancing");
      },
    });
    expect(beats).toBeGreaterThan(0);
  });
});

describe("retryingKafkaCall", () => {
  it("tries a call failing with a retryable error again until it succeeds", async () => {
    let calls = 0;
    const created = await retryingKafkaCall(async () => {
      if (++calls < 3) throw new KafkaUnavailableError("This server does not host this topic-partition");
      return ["t.grievances.v1"];
    });
    expect(created).toEqual(["t.grievances.v1"]);
    expect(calls).toBe(3);
  });

  it("reports the failure after its tries, and at once an error that waiting cannot cure", async () => {
    let calls = 0;
    const down = new KafkaUnavailableError("down");
    await expect(
      retryingKafkaCall(async () => {
        calls++;
        throw down;
      }, 2),
    ).rejects.toBe(down);
    expect(calls).toBe(2);
    calls = 0;
    const rejected = new KafkaRecordRejectedError("too large");
    await expect(
      retryingKafkaCall(async () => {
        calls++;
        throw rejected;
      }),
    ).rejects.toBe(rejected);
    expect(calls).toBe(1);
  });
});

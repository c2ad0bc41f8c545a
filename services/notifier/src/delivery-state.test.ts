import { describe, expect, it } from "vitest";
import { classifySmtpFailure, decideAfterFailure, decideSend, monotonicClock, retryDelayMs, type DeliveryState } from "./delivery-state.ts";

const state = (status: DeliveryState["status"], attempts = 1): DeliveryState => ({ status, attempts, error: null, message_id: "" });

describe("decideSend", () => {
  it("sends the first attempt when the log has nothing", () => {
    expect(decideSend(undefined, 5)).toEqual({ action: "send", attempt: 1 });
  });
  it("never sends again once sent, parked, uncertain or waiting for a digest", () => {
    expect(decideSend(state("sent"), 5)).toEqual({ action: "skip", reason: "already_sent" });
    expect(decideSend(state("parked", 5), 5)).toEqual({ action: "skip", reason: "parked" });
    expect(decideSend(state("uncertain"), 5)).toEqual({ action: "skip", reason: "uncertain" });
    expect(decideSend(state("pending_digest", 0), 5)).toEqual({ action: "skip", reason: "pending_digest" });
  });
  it("marks a leftover 'sending' uncertain instead of resending", () => {
    expect(decideSend(state("sending"), 5)).toEqual({ action: "mark_uncertain" });
  });
  it("continues the attempt count after a failure, and parks when the attempts are used up", () => {
    expect(decideSend(state("failed", 2), 5)).toEqual({ action: "send", attempt: 3 });
    expect(decideSend(state("failed", 5), 5)).toEqual({ action: "park", attempts: 5 });
  });
});

describe("after an SMTP failure", () => {
  it("treats 5xx replies as permanent and everything else as transient", () => {
    expect(classifySmtpFailure({ responseCode: 550, code: "EENVELOPE" })).toBe("permanent");
    expect(classifySmtpFailure({ responseCode: 451 })).toBe("transient");
    expect(classifySmtpFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ESOCKET" }))).toBe("transient");
    expect(classifySmtpFailure(null)).toBe("transient");
  });
  it("retries with doubling waits up to the attempt limit, then parks", () => {
    expect(decideAfterFailure(1, 5, "transient", 1000)).toEqual({ action: "retry", waitMs: 1000 });
    expect(decideAfterFailure(3, 5, "transient", 1000)).toEqual({ action: "retry", waitMs: 4000 });
    expect(decideAfterFailure(5, 5, "transient", 1000)).toEqual({ action: "park" });
    expect(decideAfterFailure(1, 5, "permanent", 1000)).toEqual({ action: "park" });
  });
  it("caps the wait", () => {
    expect(retryDelayMs(30, 1000, 60_000)).toBe(60_000);
    expect(retryDelayMs(0, 1000)).toBe(1000);
  });
});

describe("monotonicClock", () => {
  it("never repeats or goes back within a process", () => {
    const clock = monotonicClock(() => 1000);
    expect(clock().getTime()).toBe(1000);
    expect(clock().getTime()).toBe(1001);
  });
});

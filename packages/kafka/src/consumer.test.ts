import { describe, expect, it } from "vitest";
import { coordinatorLost } from "./consumer.ts";

const kafkaError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe("coordinatorLost", () => {
  it("tells a commit that could not reach the coordinator as NOT_COORDINATOR, so kafkajs finds it again and rejoins", () => {
    const lost = coordinatorLost(kafkaError("Connection error: connect ECONNREFUSED 127.0.0.1:19312", { retriable: true })) as {
      type: string;
      retriable: boolean;
      message: string;
    };
    expect(lost.type).toBe("NOT_COORDINATOR_FOR_GROUP");
    expect(lost.retriable).toBe(true);
    expect(lost.message).toContain("ECONNREFUSED");
  });

  it("passes on the errors kafkajs already rejoins after, and those waiting cannot cure", () => {
    const notCoordinator = kafkaError("This is not the correct coordinator for this group", {
      type: "NOT_COORDINATOR_FOR_GROUP",
      retriable: true,
    });
    const unknownMember = kafkaError("unknown member", { type: "UNKNOWN_MEMBER_ID", retriable: false });
    const invalid = kafkaError("Offset must not be a negative number", { retriable: false });
    for (const e of [notCoordinator, unknownMember, invalid]) expect(coordinatorLost(e)).toBe(e);
  });
});

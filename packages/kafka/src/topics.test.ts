import { describe, expect, it } from "vitest";
import { offsetsPartitionOf } from "./topics.ts";

describe("offsetsPartitionOf", () => {
  it("is Kafka's abs(String.hashCode) modulo the partitions", () => {
    // "hello".hashCode() is 99162322 in Java; "Aa" and "BB" share 2112.
    expect(offsetsPartitionOf("hello", 50)).toBe(99162322 % 50);
    expect(offsetsPartitionOf("Aa", 3)).toBe(2112 % 3);
    expect(offsetsPartitionOf("BB", 3)).toBe(2112 % 3);
    // A hash past 2^31 wraps to a negative int in Java ("abcdefghijklmnop" is -2093879032): its abs is taken.
    expect(offsetsPartitionOf("abcdefghijklmnop", 50)).toBe(2093879032 % 50);
    expect(offsetsPartitionOf("lrew-sink", 3)).toBe(2075845256 % 3);
  });

  it("maps Integer.MIN_VALUE (whose abs overflows) to 0, as Kafka's Utils.abs does", () => {
    // "polygenelubricants".hashCode() == Integer.MIN_VALUE
    expect(offsetsPartitionOf("polygenelubricants", 7)).toBe(0);
  });
});

export * from "./settings.ts";
export * from "./errors.ts";
export * from "./producer.ts";
export * from "./dead-letter.ts";
export * from "./topics.ts";
export * from "./batches.ts";
export * from "./consumer.ts";
export * from "./read-topic.ts";

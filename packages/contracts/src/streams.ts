// The registry of v1 streams: one place that says which schema, topic and time field each has.
import type { z } from "zod";
import { caseActionSchema } from "./streams/case-actions.ts";
import { enterpriseSchema } from "./streams/enterprises.ts";
import { grievanceSchema } from "./streams/grievances.ts";
import { incidentSchema } from "./streams/incidents.ts";
import { insuranceContributionSchema } from "./streams/insurance-contributions.ts";
import { unionFeeSchema } from "./streams/union-fees.ts";
import { wageArrearsSchema } from "./streams/wage-arrears.ts";

export const STREAM_NAMES = [
  "enterprises",
  "grievances",
  "wage-arrears",
  "insurance-contributions",
  "incidents",
  "union-fees",
  "case-actions",
] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

export const streamSchemas = {
  enterprises: enterpriseSchema,
  grievances: grievanceSchema,
  "wage-arrears": wageArrearsSchema,
  "insurance-contributions": insuranceContributionSchema,
  incidents: incidentSchema,
  "union-fees": unionFeeSchema,
  "case-actions": caseActionSchema,
} as const satisfies Record<StreamName, z.ZodType>;

export type StreamEvent<S extends StreamName> = z.infer<(typeof streamSchemas)[S]>;
export type AnyStreamEvent = StreamEvent<StreamName>;

export function isStreamName(value: string): value is StreamName {
  return (STREAM_NAMES as readonly string[]).includes(value);
}

/** Kafka topic of a stream: `<prefix>.<stream>.v1`. The prefix lets several deployments share a cluster. */
export function topicOf(stream: StreamName, prefix = "lrew"): string {
  return `${prefix}.${stream}.v1`;
}

/** Dead-letter topic of a stream: rejected and unmappable records, with the reason in headers. */
export function deadLetterTopicOf(stream: StreamName, prefix = "lrew"): string {
  return `${topicOf(stream, prefix)}.dead-letter`;
}

/** The alerts topic: the scorer's alert events, keyed by enterprise_id, read by the notifier. */
export function alertsTopicOf(prefix = "lrew"): string {
  return `${prefix}.alerts.v1`;
}

/** Dead-letter topic of the alerts: messages the notifier could not read as alerts, with the reason in headers. */
export function alertsDeadLetterTopicOf(prefix = "lrew"): string {
  return `${alertsTopicOf(prefix)}.dead-letter`;
}

/**
 * The erasure list's topic (keyed by digest, compacted, kept forever): what `./lrew erase` recorded,
 * where a restore of an older backup finds the erasures made since. Digests only, never a reference.
 */
export function erasuresTopicOf(prefix = "lrew"): string {
  return `${prefix}.erasures.v1`;
}

/** The stream a topic carries, or undefined for a topic that is not a v1 stream topic. */
export function streamOfTopic(topic: string, prefix = "lrew"): StreamName | undefined {
  return STREAM_NAMES.find((s) => topicOf(s, prefix) === topic);
}

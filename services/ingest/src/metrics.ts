// Prometheus metrics of the ingest API (rendered by GET /metrics with the process-wide registry).
import { counter, histogram } from "@lrew/telemetry";

export const requestsTotal = counter("lrew_ingest_requests_total", "HTTP requests answered by ingest, by route and status", [
  "route",
  "status",
]);
export const requestSeconds = histogram("lrew_ingest_request_duration_seconds", "Ingest HTTP request duration", ["route"]);
export const recordsTotal = counter("lrew_ingest_records_total", "Records accepted (acknowledged by Kafka) or rejected, by stream", [
  "stream",
  "outcome",
]);
export const publishSeconds = histogram(
  "lrew_ingest_kafka_ack_seconds",
  "Time ingest waited for Kafka to acknowledge (acks=all) the records of one request",
  ["stream", "outcome"],
);

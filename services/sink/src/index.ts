export { Sink, planChunk, type SinkSettings } from "./sink.ts";
export { decodeMessage } from "./decode.ts";
export { sinkReadiness, type NotReadyReason, type Readiness } from "./readiness.ts";

export { buildIngestApp, publishBatch, HttpProblem, type IngestAppOptions } from "./app.ts";
export { startIngest, type StartIngestOptions, type RunningIngest } from "./server.ts";
export {
  parseBody,
  readRecord,
  bodyFormat,
  mediaType,
  ACCEPTED_MEDIA_TYPES,
  type BodyItem,
  type BodyRecord,
  type ParsedBody,
  type BodyFormat,
} from "./body.ts";
export {
  prepareBatch,
  prepareBatchInSlices,
  SLICE_MS,
  DEAD_LETTER_MAX_VALUE_CHARS,
  type PreparedBatch,
  type RejectedRecord,
} from "./batch.ts";
export { ApiKeyRing, mayPost } from "./auth.ts";

export { Sink, planChunk, type SinkSettings } from "./sink.ts";
export { decodeMessage } from "./decode.ts";

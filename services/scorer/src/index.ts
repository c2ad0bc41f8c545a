export { Scorer, asOfDate, TIMEZONE, type ScorerSettings, type Scope } from "./scorer.ts";
export { modelsDir, resolveModelFile } from "./model-file.ts";
export { AlertPublisher, readAreaNames, type AlertSettings } from "./alert-publisher.ts";

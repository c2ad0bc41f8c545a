export { Scorer, type ScorerSettings, type Scope } from "./scorer.ts";
export { modelsDir, resolveModelFile } from "./model-file.ts";
export { AlertPublisher, type AlertSettings } from "./alert-publisher.ts";
export { policySettingsOf } from "./policy-settings.ts";

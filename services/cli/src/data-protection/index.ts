// Data protection (Law 91/2025/QH15, Decree 356/2025/NĐ-CP): erasure, and backup and restore that
// never bring erased data back. For the CLI's commands and the end-to-end tests.
export { eraseComplainant, type ErasureOutcome } from "./erase.ts";
export { publishErasures, readErasures } from "./erasure-topic.ts";
export { backup, restore, restoreKafkaStep, readManifest, KafkaStepError, STATE_FILES, type Manifest } from "./backup.ts";

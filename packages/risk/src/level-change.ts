// What a scoring run hands to alerting: one immediate e-mail decision of the alert policy
// (policy.ts), with the contributions that explain the score. Defined here so alerts need no
// scoring (and no warehouse) to read one. Pure types.
import type { Level } from "./levels.ts";
import type { EmailKind, PolicyState } from "./policy.ts";

export interface Contribution {
  feature: string;
  /** The feature's value in its own unit (see FEATURES). */
  value: number;
  /** Its term in the logit. */
  contribution: number;
}

export interface AlertDecision {
  enterprise_id: string;
  as_of: string;
  kind: EmailKind;
  /** The state before this run (null for an enterprise scored for the first time). */
  from: PolicyState | null;
  /** The level now (for `lowered`, the level it fell to). */
  to: Level;
  score: number;
  area_code: string;
  sector: string;
  model_version: string;
  /** Every contribution, model order: signals and context. */
  contributions: Contribution[];
  /** The reasons: signal factors contributing at least the policy's minimum, largest first, at most 3 (signalReasons). */
  reasons: Contribution[];
}

// What a scoring run hands to alerting: an enterprise whose level moved, with the contributions that
// explain its score. Defined here so alerts need no scoring (and no warehouse) to read one. Pure types.
import type { Level } from "./levels.ts";

export interface Contribution {
  feature: string;
  /** The feature's value in its own unit (see FEATURES). */
  value: number;
  /** Its term in the logit. */
  contribution: number;
}

export interface LevelChange {
  enterprise_id: string;
  as_of: string;
  /** null for an enterprise scored for the first time. */
  from: Level | null;
  to: Level;
  score: number;
  area_code: string;
  sector: string;
  model_version: string;
  /** Every contribution, model order. */
  contributions: Contribution[];
  /** The largest positive contributions (the reasons), at most 3. */
  reasons: Contribution[];
}

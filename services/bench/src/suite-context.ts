// What a suite is given: the options, the run's directories, the dedicated broker, the memory
// sampler, and where its result lines and progress go.
import type { KafkaSettings } from "@lrew/kafka";
import type { RssSampler } from "./memory.ts";
import type { ResolvedOptions } from "./options.ts";
import type { ResultLine } from "./report.ts";

export interface SuiteContext {
  o: ResolvedOptions;
  /** The lrew checkout. */
  root: string;
  /** The run's temporary directory. */
  work: string;
  /** The Kafka jars (classpath `<libs>/*`). */
  libs: string;
  kafka: KafkaSettings;
  sampler: RssSampler;
  results: ResultLine[];
  progress: (msg: string) => void;
}

// Topic creation on the bench's freshly started broker. On a loaded machine the broker can answer
// "does not host this topic-partition" while the new partitions' leaders settle, even after
// createTopics waited for leaders: that error is retryable, so try again for a while.
import { isRetryable } from "@lrew/errors";
import { ensureTopics, type KafkaSettings } from "@lrew/kafka";

export async function ensureTopicsPatiently(
  kafka: KafkaSettings,
  topics?: string[],
  opts: { attempts?: number; waitMs?: number } = {},
): Promise<void> {
  const attempts = opts.attempts ?? 20;
  for (let attempt = 1; ; attempt++) {
    try {
      await (topics ? ensureTopics(kafka, topics) : ensureTopics(kafka));
      return;
    } catch (err) {
      if (!isRetryable(err) || attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, opts.waitMs ?? 500));
    }
  }
}

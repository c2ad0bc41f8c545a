// Kafka side of pipeline health: consumer lag of the sink and the notifier, and what the dead-letter
// topics hold. Read from the broker with a time limit, so a broker that is down makes the health
// page say so instead of hanging.
import { STREAM_NAMES, alertsTopicOf, deadLetterTopicOf, topicOf } from "@lrew/contracts";
import { groupLag, topicMessageCounts, type KafkaSettings } from "@lrew/kafka";

export interface KafkaHealth {
  lag: Array<{ group: string; topic: string; lag: number }>;
  deadLetters: Array<{ stream: string; topic: string; messages: number }>;
}

export type KafkaHealthSource = () => Promise<KafkaHealth>;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer from Kafka within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** Pure: lag per (group, topic) from per-partition lags. */
export function lagByTopic(group: string, partitions: Array<{ topic: string; lag: bigint }>): KafkaHealth["lag"] {
  const sums = new Map<string, bigint>();
  for (const p of partitions) sums.set(p.topic, (sums.get(p.topic) ?? 0n) + p.lag);
  return [...sums].map(([topic, lag]) => ({ group, topic, lag: Number(lag) }));
}

export function kafkaHealthSource(
  settings: KafkaSettings,
  groups: { sink: string; notifier: string },
  timeoutMs = 4000,
): KafkaHealthSource {
  const prefix = settings.topicPrefix;
  const streamTopics = STREAM_NAMES.map((s) => topicOf(s, prefix));
  const dlq = STREAM_NAMES.map((s) => ({ stream: s, topic: deadLetterTopicOf(s, prefix) }));
  return () =>
    withTimeout(
      (async () => {
        const [sink, notifier, counts] = await Promise.all([
          groupLag(settings, groups.sink, streamTopics),
          groupLag(settings, groups.notifier, [alertsTopicOf(prefix)]),
          topicMessageCounts(
            settings,
            dlq.map((d) => d.topic),
          ),
        ]);
        return {
          lag: [...lagByTopic(groups.sink, sink), ...lagByTopic(groups.notifier, notifier)],
          deadLetters: dlq.map((d) => ({ ...d, messages: Number(counts.get(d.topic) ?? 0n) })),
        };
      })(),
      timeoutMs,
    );
}

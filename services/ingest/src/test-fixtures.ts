// Test fixtures of this service (not exported by the package): an in-memory EventPublisher, API
// keys, a configuration and sample records.
import { parseConfig, type ApiKey, type LrewConfig } from "@lrew/config";
import type { EventPublisher, OutgoingMessage } from "@lrew/kafka";

export class MemoryPublisher implements EventPublisher {
  sent: Array<{ topic: string; messages: OutgoingMessage[] }> = [];
  ready = true;
  /** Thrown by send() for the topics it matches (all topics when no predicate). */
  failWith: Error | undefined;
  failOn: (topic: string) => boolean = () => true;
  /** Resolves send() only after this promise (to hold a request in flight). */
  gate: Promise<void> | undefined;

  async send(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.gate) await this.gate;
    if (this.failWith && this.failOn(topic)) throw this.failWith;
    this.sent.push({ topic, messages });
  }

  async isReady(): Promise<boolean> {
    return this.ready;
  }

  on(topic: string): OutgoingMessage[] {
    return this.sent.filter((s) => s.topic === topic).flatMap((s) => s.messages);
  }

  /** Everything that would have reached Kafka, as text: keys, values and headers. */
  allText(): string {
    return this.sent
      .flatMap((s) => s.messages)
      .map((m) => `${m.key}\n${m.value.toString()}\n${JSON.stringify(m.headers ?? {})}`)
      .join("\n");
  }
}

export const KEYS = {
  all: { name: "hotline", key: "k_all_0123456789abcdef", streams: "*" },
  bhxh: { name: "bhxh", key: "k_bhxh_0123456789abcdef", streams: ["insurance-contributions"] },
} satisfies Record<string, ApiKey>;

export const HMAC_KEY = "test-hmac-key-".padEnd(64, "x");

export function testConfig(env: Record<string, string> = {}): LrewConfig {
  return parseConfig({ LREW_HOME: "/tmp/lrew-ingest-test-home", ...env }, "/tmp");
}

let n = 0;
export function uuid(): string {
  n++;
  return `0b7f9f1e-4c7a-4d0e-9a55-${n.toString(16).padStart(12, "0")}`;
}

export function grievance(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event_id: uuid(),
    grievance_id: "G-2026-0001",
    enterprise_id: "5600123456",
    occurred_at: "2026-11-23T08:30:00+07:00",
    channel: "hotline",
    category: "bonus",
    severity: 3,
    workers_involved: 120,
    status: "open",
    summary: "Người lao động xưởng may phản ánh thưởng Tết 1.500.000 đồng chưa trả; liên hệ chị Hương 0912 345 678, huong.nt@gmail.com",
    complainant_ref: "Nguyễn Thị Hương",
    ...over,
  };
}

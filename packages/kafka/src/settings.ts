/** What packages/kafka needs to know; the `kafka` section of LrewConfig has this shape. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  partitions: number;
  replicationFactor: number;
}

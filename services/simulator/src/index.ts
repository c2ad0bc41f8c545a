export { runSimulation, type RunOptions, type RunSummary, type SimulationProgress } from "./run.ts";
export { HttpDelivery, KafkaDelivery, type Delivery, type DeliveryStats } from "./delivery.ts";
export { StreamBatcher, type Outgoing } from "./batcher.ts";

// Every sentence the CLI prints, Vietnamese first, English when LREW_LANG=en.
import type { Lang } from "./context.ts";

const text = {
  description: {
    vi: "lrew — cảnh báo sớm quan hệ lao động: khiếu nại, nợ lương, nợ bảo hiểm → Kafka → ClickHouse → chấm điểm nguy cơ",
    en: "lrew — labour-relations early warning: grievances, wage and insurance arrears → Kafka → ClickHouse → risk scores",
  },
  help: { vi: "hiển thị trợ giúp", en: "display help" },
  version: { vi: "hiển thị phiên bản", en: "display the version" },
  start: {
    vi: "chạy toàn bộ hệ thống trên máy này (Kafka cục bộ, ClickHouse nhúng) với dữ liệu mẫu",
    en: "run the whole pipeline on this machine (local Kafka, embedded ClickHouse) with demo data",
  },
  noDemo: { vi: "không nạp dữ liệu mẫu", en: "do not load demo data" },
  test: { vi: "chạy kiểm tra kiểu và toàn bộ bộ kiểm thử", en: "typecheck and run the whole test suite" },
  testUnit: { vi: "chỉ chạy kiểm thử đơn vị (không cần Kafka)", en: "unit tests only (no Kafka needed)" },
  testNoTypecheck: { vi: "bỏ qua kiểm tra kiểu và lint (tsc, biome)", en: "skip the typecheck and lint (tsc, biome)" },
  lint: { vi: "kiểm tra lint và định dạng mã (Biome)", en: "lint and format check (Biome)" },
  lintFix: { vi: "tự sửa những gì sửa được và định dạng lại", en: "apply the safe fixes and format" },
  simulate: {
    vi: "sinh một tỉnh mô phỏng (doanh nghiệp, khiếu nại, nợ lương, nợ bảo hiểm, sự cố) và gửi vào hệ thống",
    en: "generate a simulated province (enterprises, grievances, wage and insurance arrears, incidents) and deliver it",
  },
  optSeed: { vi: "hạt giống ngẫu nhiên: cùng hạt giống, cùng thế giới", en: "random seed: same seed, same world" },
  optEnterprises: { vi: "số doanh nghiệp (mặc định 1500)", en: "number of enterprises (default 1500)" },
  optDays: { vi: "số ngày mô phỏng (mặc định 365)", en: "simulated days (default 365)" },
  optStart: { vi: "ngày bắt đầu (mặc định 2025-07-01)", en: "first simulated day (default 2025-07-01)" },
  optParams: {
    vi: "tệp JSON tham số mô phỏng (xem packages/simulator/README.md)",
    en: "JSON file of simulation parameters (see packages/simulator/README.md)",
  },
  optTo: { vi: "gửi tới: http (API nhận dữ liệu), kafka, files", en: "deliver to: http (ingest API), kafka, files" },
  optOut: { vi: "thư mục ghi tệp (với --to files)", en: "output folder (with --to files)" },
  optFormats: { vi: "định dạng tệp: ndjson,csv", en: "file formats: ndjson,csv" },
  optUrl: { vi: "địa chỉ API nhận dữ liệu (mặc định theo cấu hình)", en: "ingest API address (default from configuration)" },
  optLive: { vi: "tiếp tục sinh sự kiện theo đồng hồ tăng tốc", en: "keep producing events on an accelerated clock" },
  optSpeed: { vi: "số giây mô phỏng cho mỗi giây thật (mặc định 3600)", en: "simulated seconds per real second (default 3600)" },
  optTruth: { vi: "tệp ghi sự thật nền (ground truth)", en: "file for the ground truth" },
  import: {
    vi: "nhập tệp CSV hoặc XLSX (tiêu đề cột tiếng Việt hoặc tiếng Anh) qua API nhận dữ liệu",
    en: "import a CSV or XLSX file (Vietnamese or English column headers) through the ingest API",
  },
  fileArg: { vi: "tệp CSV hoặc XLSX", en: "CSV or XLSX file" },
  optMapping: {
    vi: "tệp JSON ánh xạ cột (xem packages/importer/README.md)",
    en: "column-mapping JSON file (see packages/importer/README.md)",
  },
  optBatchSize: { vi: "số dòng mỗi lần gửi (mặc định 500)", en: "rows per request (default 500)" },
  kafka: { vi: "quản lý broker Kafka cục bộ", en: "manage the local Kafka broker" },
  kafkaStart: { vi: "khởi động broker Kafka cục bộ (127.0.0.1)", en: "start the local Kafka broker (127.0.0.1)" },
  kafkaStop: { vi: "dừng broker Kafka cục bộ", en: "stop the local Kafka broker" },
  kafkaStatus: { vi: "trạng thái broker Kafka cục bộ", en: "status of the local Kafka broker" },
  migrate: { vi: "áp dụng các migration ClickHouse còn thiếu", en: "apply pending ClickHouse migrations" },
  ingest: { vi: "chạy riêng dịch vụ nhận dữ liệu (HTTP → Kafka)", en: "run the ingest service alone (HTTP → Kafka)" },
  sink: { vi: "chạy riêng dịch vụ ghi (Kafka → ClickHouse)", en: "run the sink alone (Kafka → ClickHouse)" },
  schema: { vi: "in JSON Schema của một luồng sự kiện", en: "print the JSON Schema of an event stream" },
  streamArg: { vi: "tên luồng", en: "stream name" },
  envTitle: { vi: "Biến môi trường (xem README, mục Cấu hình):", en: "Environment variables (see README, Configuration):" },
  running: { vi: "lrew đang chạy", en: "lrew is running" },
  ingestAt: { vi: "Nhận dữ liệu (ingest API)", en: "Ingest API" },
  apiKey: { vi: "Khóa API", en: "API key" },
  apiKeyFrom: { vi: "từ", en: "from" },
  apiKeysConfigured: { vi: "theo LREW_API_KEYS", en: "from LREW_API_KEYS" },
  kafkaAt: { vi: "Kafka", en: "Kafka" },
  localBroker: { vi: "broker cục bộ", en: "local broker" },
  clickhouseAt: { vi: "ClickHouse", en: "ClickHouse" },
  embedded: { vi: "nhúng (chDB) tại", en: "embedded (chDB) at" },
  health: { vi: "Sức khỏe / số đo", en: "Health / metrics" },
  logs: { vi: "Nhật ký", en: "Logs" },
  example: { vi: "Thử gửi một sự kiện", en: "Try sending an event" },
  ctrlC: { vi: "Nhấn Ctrl-C để dừng.", en: "Press Ctrl-C to stop." },
  stopped: { vi: "lrew đã dừng.", en: "lrew stopped." },
  startingKafka: { vi: "khởi động Kafka cục bộ…", en: "starting the local Kafka broker…" },
  kafkaReused: { vi: "dùng lại broker Kafka đang chạy", en: "reusing the running Kafka broker" },
  kafkaNotLocal: {
    vi: "KAFKA_BROKERS đã được đặt: lrew không quản lý broker đó",
    en: "KAFKA_BROKERS is set: lrew does not manage that broker",
  },
  migrating: { vi: "áp dụng migration ClickHouse…", en: "applying ClickHouse migrations…" },
  applied: { vi: "đã áp dụng", en: "applied" },
  nothingToApply: { vi: "không có migration mới", en: "no pending migration" },
  kafkaRunning: { vi: "Kafka cục bộ đang chạy", en: "local Kafka is running" },
  kafkaStoppedMsg: { vi: "Kafka cục bộ đã dừng", en: "local Kafka stopped" },
  kafkaNotRunning: { vi: "Kafka cục bộ không chạy", en: "local Kafka is not running" },
  failed: { vi: "lỗi", en: "error" },
  unknownStream: { vi: "luồng không tồn tại; các luồng hợp lệ", en: "unknown stream; valid streams" },
} as const;

export type MessageKey = keyof typeof text;

export function t(key: MessageKey, lang: Lang): string {
  return text[key][lang];
}

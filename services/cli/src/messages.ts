// Every sentence the CLI prints, Vietnamese first, English when LREW_LANG=en.
import type { Lang } from "@lrew/contracts";

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
  score: {
    vi: "chấm điểm nguy cơ mọi doanh nghiệp một lần (hoặc một khoảng ngày)",
    en: "score every enterprise once (or over a range of days)",
  },
  optAsOf: { vi: "tính đến ngày (mặc định hôm nay, giờ Việt Nam)", en: "as of this day (default today, Vietnam time)" },
  optScoreFrom: { vi: "chấm điểm lùi từ ngày này đến --as-of", en: "score every day from this day to --as-of" },
  optStep: { vi: "bước ngày khi chấm lùi (mặc định 1)", en: "days between scored days (default 1)" },
  model: { vi: "mô hình chấm điểm", en: "the scoring model" },
  modelFit: {
    vi: "khớp trọng số trên lịch sử có sự cố đã ghi nhận và ghi phiên bản mô hình mới",
    en: "fit the weights on history with recorded incidents and write a new model version",
  },
  optFitFrom: { vi: "ngày đầu", en: "first day" },
  optFitTo: { vi: "ngày cuối", en: "last day" },
  optValidationFrom: { vi: "từ ngày này dùng để kiểm định (chia theo thời gian)", en: "validate from this day on (time-based split)" },
  optHorizon: { vi: "tầm dự báo, ngày (mặc định 60)", en: "horizon in days (default 60)" },
  optLabelHorizon: {
    vi: "nhãn huấn luyện: có sự cố trong chừng ấy ngày (mặc định bằng tầm dự báo; dài hơn thì coi trọng dấu hiệu kéo dài)",
    en: "training label: an incident within this many days (default: the horizon; longer weighs lasting signs more)",
  },
  optModelOut: { vi: "tệp mô hình ghi ra", en: "model file to write" },
  optModel: { vi: "tệp mô hình (mặc định: mô hình đang dùng)", en: "model file (default: the one in use)" },
  backtest: {
    vi: "kiểm định ngược: độ chính xác, độ phủ, thời gian báo trước, báo động giả so với hai quy tắc cơ sở",
    en: "backtest: precision, recall, lead time and false alarms against two baseline rules",
  },
  optBacktestSimulate: {
    vi: "kiểm định trên một tỉnh mô phỏng mới (không đụng dữ liệu thật)",
    en: "backtest on a fresh simulated province (leaves real data alone)",
  },
  optBacktestSeeds: {
    vi: "kiểm định trên nhiều tỉnh mô phỏng mới và gộp kết quả: danh sách (J,K,L) hoặc số n (n chữ cái đầu sau A mà mô hình chưa thấy khi khớp và chọn ngưỡng)",
    en: "backtest on several fresh simulated provinces and pool the figures: a list (J,K,L) or a count n (the first n letters after A that the model did not see when fitted and chosen)",
  },
  scorer: { vi: "chạy riêng dịch vụ chấm điểm theo lịch", en: "run the scheduled scorer alone" },
  bench: {
    vi: "đo hiệu năng so với mốc tham chiếu đo trong cùng lần chạy (ProducerPerformance của Kafka, Kafka engine của ClickHouse, ghi trực tiếp)",
    en: "benchmarks against references measured in the same run (Kafka's ProducerPerformance, ClickHouse's Kafka engine, a direct insert)",
  },
  optBenchRecords: {
    vi: "số bản ghi mỗi lần chạy ProducerPerformance làm mốc (mặc định 1.500.000)",
    en: "records each ProducerPerformance reference sends (default 1,500,000)",
  },
  optBenchSeconds: {
    vi: "số giây đo mỗi mức tải HTTP của bộ ingest, sau 2 giây khởi động (mặc định 10)",
    en: "seconds each HTTP load of the ingest suite is measured, after 2 s of warm-up (default 10)",
  },
  optBenchEvents: { vi: "số sự kiện nạp sẵn cho bộ sink (mặc định 300.000)", en: "events pre-filled for the sink suite (default 300,000)" },
  optBenchAccept: {
    vi: "nhận lần chạy làm mốc: ghi JSON vào bench/baselines/ và tạo lại bảng số liệu trong services/bench/README.md",
    en: "accept the run as a baseline: write its JSON to bench/baselines/ and regenerate the figures in services/bench/README.md",
  },
  optBenchCpuProf: {
    vi: "ghi hồ sơ CPU (node --cpu-prof) của tiến trình ingest và sink vào thư mục này",
    en: "write CPU profiles (node --cpu-prof) of the ingest and sink processes into this directory",
  },
  optBenchKafkaPort: {
    vi: "cổng của broker Kafka riêng cho đo hiệu năng (mặc định 19392; bộ điều khiển dùng cổng + 1)",
    en: "port of the bench's own Kafka broker (default 19392; its controller takes port + 1)",
  },
  optBenchScoringSizes: {
    vi: "số doanh nghiệp của các tỉnh mô phỏng trong bộ scoring, cách nhau bởi dấu phẩy (mặc định 1000,10000,100000)",
    en: "enterprises of the simulated worlds of the scoring suite, comma-separated (default 1000,10000,100000)",
  },
  notifier: { vi: "chạy riêng dịch vụ gửi thư cảnh báo (Kafka → SMTP)", en: "run the alert notifier alone (Kafka → SMTP)" },
  mailCapture: {
    vi: "chạy hộp thư thử cục bộ (SMTP trên 127.0.0.1 và trang xem thư)",
    en: "run the local mail capture (SMTP on 127.0.0.1 and a mailbox page)",
  },
  scoring: { vi: "chấm điểm lịch sử mẫu…", en: "scoring the demo history…" },
  kafka: { vi: "quản lý broker Kafka cục bộ", en: "manage the local Kafka broker" },
  kafkaStart: { vi: "khởi động broker Kafka cục bộ (127.0.0.1)", en: "start the local Kafka broker (127.0.0.1)" },
  kafkaStop: { vi: "dừng broker Kafka cục bộ", en: "stop the local Kafka broker" },
  kafkaStatus: { vi: "trạng thái broker Kafka cục bộ", en: "status of the local Kafka broker" },
  migrate: { vi: "áp dụng các migration ClickHouse còn thiếu", en: "apply pending ClickHouse migrations" },
  rebuildAggregates: {
    vi: "dựng lại các bảng tổng hợp theo ngày từ các bảng sự kiện (lặp lại vô hại)",
    en: "rebuild the daily aggregate tables from the event tables (safe to repeat)",
  },
  optTruncate: {
    vi: "xóa trắng các bảng tổng hợp trước (chỉ khi không có dữ liệu đang nhận vào)",
    en: "empty the aggregate tables first (only while nothing is being ingested)",
  },
  rows: { vi: "dòng", en: "rows" },
  chaos: {
    vi: "chạy các kịch bản lỗi dài và ngẫu nhiên (giết sink, khởi động lại Kafka, ClickHouse ngừng) rồi kiểm tra không mất, không trùng",
    en: "run the fault scenarios, longer and randomised (sink kills, broker restarts, ClickHouse outages), and check nothing is lost or doubled",
  },
  optRounds: { vi: "số vòng lỗi mỗi kịch bản (mặc định 3)", en: "fault rounds per scenario (default 3)" },
  optChaosEvents: { vi: "số sự kiện mỗi kịch bản (mặc định 3000)", en: "events per scenario (default 3000)" },
  optChaosSeed: { vi: "hạt giống của kế hoạch lỗi (để lặp lại một lần chạy)", en: "seed of the fault plan (to repeat a run)" },
  optScenarios: {
    vi: "các kịch bản, cách nhau dấu phẩy: sink-kill, broker-restart, clickhouse-outage",
    en: "scenarios, comma-separated: sink-kill, broker-restart, clickhouse-outage",
  },
  optKafkaPort: {
    vi: "cổng của broker Kafka riêng (bộ điều khiển dùng cổng kế tiếp; mặc định 29092)",
    en: "port of its own Kafka broker (the controller takes the next; default 29092)",
  },
  dlq: { vi: "xem và phát lại chủ đề thư chết (dead-letter) của một luồng", en: "inspect and replay a stream's dead-letter topic" },
  dlqList: {
    vi: "liệt kê các bản ghi trong chủ đề thư chết, kèm lý do",
    en: "list the records of the dead-letter topic, with their reasons",
  },
  dlqReplay: {
    vi: "kiểm tra lại từng bản ghi theo hợp đồng hiện hành và gửi lại những bản ghi nay đã hợp lệ (lặp lại vô hại)",
    en: "validate every record again against the current contract and send back those now valid (safe to repeat)",
  },
  optDryRun: { vi: "chỉ cho biết sẽ gửi lại những gì, không gửi", en: "only say what would be sent back; send nothing" },
  dlqListHeader: {
    vi: "phân vùng/offset	khâu	thời điểm lỗi	event_id	lý do",
    en: "partition/offset	stage	failed at	event_id	reason",
  },
  dlqCount: { vi: "số bản ghi", en: "records" },
  dlqReplayed: { vi: "đã gửi lại", en: "sent back" },
  dlqWouldReplay: { vi: "sẽ gửi lại", en: "would send back" },
  dlqStillInvalid: { vi: "vẫn không hợp lệ", en: "still invalid" },
  ingest: { vi: "chạy riêng dịch vụ nhận dữ liệu (HTTP → Kafka)", en: "run the ingest service alone (HTTP → Kafka)" },
  sink: { vi: "chạy riêng dịch vụ ghi (Kafka → ClickHouse)", en: "run the sink alone (Kafka → ClickHouse)" },
  schema: {
    vi: "in JSON Schema của một luồng sự kiện; không có đối số: in từ điển dữ liệu của các view phân tích",
    en: "print the JSON Schema of an event stream; without an argument: the data dictionary of the analytics views",
  },
  query: {
    vi: "chạy một câu SELECT chỉ đọc trên các view phân tích (bảng, CSV, JSON, Parquet); hoặc một truy vấn đã lưu",
    en: "run a read-only SELECT over the analytics views (table, CSV, JSON, Parquet); or a saved query",
  },
  sqlArg: { vi: "câu SELECT (trong dấu nháy)", en: "the SELECT statement (quoted)" },
  optParam: {
    vi: "giá trị tham số {tên:Kiểu}, dạng tên=giá trị (lặp lại được)",
    en: "value of a {name:Type} parameter, as name=value (repeatable)",
  },
  optQueryFormat: { vi: "định dạng kết quả", en: "output format" },
  optQueryOut: { vi: "ghi kết quả vào tệp", en: "write the result to a file" },
  optSaved: { vi: "chạy truy vấn đã lưu trong queries/ theo tên", en: "run a saved query from queries/ by name" },
  optList: { vi: "liệt kê các truy vấn đã lưu và tham số", en: "list the saved queries and their parameters" },
  unknownSavedQuery: { vi: "không có truy vấn đã lưu này; các truy vấn", en: "no such saved query; saved queries" },
  querySqlMissing: {
    vi: 'cần một câu SELECT, --saved <tên> hoặc --list (ví dụ: ./lrew query "SELECT count() FROM lrew_analytics.enterprises")',
    en: 'give a SELECT, --saved <name> or --list (e.g. ./lrew query "SELECT count() FROM lrew_analytics.enterprises")',
  },
  parquetNeedsOut: { vi: "Parquet là định dạng nhị phân: thêm --out <tệp.parquet>", en: "Parquet is binary: add --out <file.parquet>" },
  queryApiUnreachable: {
    vi: "ClickHouse nhúng đang thuộc về tiến trình lrew khác, nhưng không gọi được API truy vấn tại",
    en: "embedded ClickHouse belongs to another lrew process, but its query API does not answer at",
  },
  written: { vi: "đã ghi", en: "written" },
  streamArg: { vi: "tên luồng", en: "stream name" },
  envTitle: { vi: "Biến môi trường (xem docs/configuration.md):", en: "Environment variables (see docs/configuration.md):" },
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
  dashboardAt: { vi: "Bảng theo dõi (dashboard)", en: "Dashboard" },
  dashboardToken: { vi: "Mã truy cập dashboard", en: "Dashboard token" },
  dashboardTokensConfigured: { vi: "theo LREW_DASHBOARD_TOKENS", en: "from LREW_DASHBOARD_TOKENS" },
  web: {
    vi: "chạy riêng bảng theo dõi web (cần máy chủ ClickHouse khi các tiến trình khác cùng chạy)",
    en: "run the web dashboard alone (needs a ClickHouse server while other processes run)",
  },
  mailbox: { vi: "Hộp thư cảnh báo (thử)", en: "Alert mailbox (capture)" },
  notifierOff: { vi: "không chạy dịch vụ gửi cảnh báo", en: "the notifier is not running" },
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
  erase: {
    vi: "xóa dữ liệu định danh của một người khiếu nại (quyền xóa dữ liệu): nội dung, mã người khiếu nại, mã khiếu nại của nơi cung cấp; giữ các dòng đã khử định danh",
    en: "erase what identifies a complainant (right to erasure): summaries, complainant reference, the provider's grievance id; de-identified rows are kept",
  },
  optComplainantRef: {
    vi: "mã người khiếu nại như nơi cung cấp gửi (không lưu, chỉ dùng để tính HMAC)",
    en: "the complainant reference as the provider sent it (not stored; only its HMAC is computed)",
  },
  eraseDone: { vi: "đã xóa", en: "erased" },
  eraseGrievances: { vi: "khiếu nại", en: "grievances" },
  eraseRows: { vi: "dòng", en: "rows" },
  eraseEnterprises: { vi: "doanh nghiệp", en: "enterprises" },
  eraseNothing: {
    vi: "không tìm thấy khiếu nại nào của người này trong ClickHouse; đã ghi vào danh sách xóa để dữ liệu phát lại sau này cũng bị xóa",
    en: "no grievance of this complainant found in ClickHouse; recorded in the erasure list so that replayed data is erased too",
  },
  eraseKafkaLeft: {
    vi: "Còn trong Kafka (đã ẩn danh hóa, nội dung đã che) cho đến khi hết thời hạn lưu giữ của chủ đề",
    en: "Left in Kafka (pseudonymised, contacts masked) until the topic's retention expires",
  },
  eraseKafkaUntil: {
    vi: "hết thời hạn lưu giữ từ (Kafka xóa cả đoạn log, có thể muộn hơn tới segment.ms)",
    en: "retention expires from (Kafka deletes whole log segments, up to segment.ms later)",
  },
  eraseKafkaForever: {
    vi: "chủ đề lưu vĩnh viễn: hãy rút ngắn retention.ms",
    en: "the topic keeps messages forever: shorten retention.ms",
  },
  eraseDeadLetters: {
    vi: "Các chủ đề thư lỗi (dead-letter) có thể còn bản sao, cùng thời hạn lưu giữ",
    en: "The dead-letter topics may hold copies too, with the same retention",
  },
  eraseKafkaFailed: {
    vi: "đã xóa trong ClickHouse nhưng chưa ghi được danh sách xóa vào Kafka (cần để khôi phục bản sao lưu cũ không đưa dữ liệu trở lại); chạy lại lệnh khi Kafka hoạt động",
    en: "erased in ClickHouse, but the erasure could not be recorded in Kafka (needed so that restoring an older backup brings nothing back); run the command again once Kafka answers",
  },
  backup: {
    vi: "sao lưu: ClickHouse (BACKUP), các tệp trạng thái (khóa, mô hình, dữ liệu tham chiếu) và vị trí đọc Kafka của sink, kèm bản kê",
    en: "back up: ClickHouse (BACKUP), the state files (keys, models, reference data) and the sink's Kafka offsets, with a manifest",
  },
  optBackupOut: {
    vi: "thư mục sao lưu (trống hoặc chưa có; mặc định $LREW_HOME/backups/<thời điểm>)",
    en: "backup folder (absent or empty; default $LREW_HOME/backups/<time>)",
  },
  backupDone: { vi: "đã sao lưu vào", en: "backed up to" },
  backupTables: { vi: "bảng", en: "tables" },
  backupFiles: { vi: "tệp trạng thái", en: "state files" },
  backupNoOffsets: {
    vi: "không đọc được vị trí Kafka của sink; khi khôi phục phải đặt bằng tay",
    en: "could not read the sink's Kafka offsets; a restore will need them set by hand",
  },
  backupCopyAway: {
    vi: "Hãy chép thư mục này sang máy hoặc ổ đĩa khác: bản sao lưu trên cùng đĩa không cứu được khi đĩa hỏng.",
    en: "Copy this folder to another machine or disk: a backup on the same disk does not survive the disk.",
  },
  restore: {
    vi: "khôi phục một bản sao lưu vào thư mục trạng thái trống, kiểm tra từng bảng, áp dụng lại các lần xóa dữ liệu, đặt lại vị trí đọc Kafka của sink",
    en: "restore a backup onto an empty state directory, check every table, apply the erasures again, give the sink back its Kafka offsets",
  },
  optKafkaOnly: {
    vi: "chỉ làm phần Kafka (khi lần khôi phục trước không kết nối được Kafka)",
    en: "only the Kafka part (when the restore could not reach Kafka)",
  },
  restoreDone: { vi: "đã khôi phục từ", en: "restored from" },
  restoreChecked: { vi: "bảng khớp số dòng và tổng kiểm với bản kê", en: "tables match the manifest's row counts and checksums" },
  restoreErasures: {
    vi: "lần xóa dữ liệu đã áp dụng lại; từ Kafka (sau bản sao lưu)",
    en: "erasures applied again; from Kafka (made after the backup)",
  },
  restoreOffsets: {
    vi: "sink sẽ đọc lại Kafka từ vị trí lúc sao lưu; phân vùng",
    en: "the sink will read Kafka again from where it was at backup time; partitions",
  },
  restoreKafkaFailed: {
    vi: "ClickHouse và các tệp đã khôi phục, nhưng phần Kafka chưa xong (lần xóa sau bản sao lưu, vị trí đọc của sink). KHÔNG chạy sink trước khi chạy",
    en: "ClickHouse and the files are restored, but not the Kafka part (erasures made after the backup, the sink's offsets). Do NOT run the sink before running",
  },
  failed: { vi: "lỗi", en: "error" },
  unknownStream: { vi: "luồng không tồn tại; các luồng hợp lệ", en: "unknown stream; valid streams" },
} as const;

export type MessageKey = keyof typeof text;

export function t(key: MessageKey, lang: Lang): string {
  return text[key][lang];
}

-- Curated views for analysts, in their own database <db>_analytics, so access can be granted by
-- database (GRANT SELECT ON <db>_analytics.*) and the analyst query executor can refuse anything
-- outside it. SQL SECURITY DEFINER: a view reads the raw tables with the rights of the user that ran
-- the migration, so an analyst needs no right on the raw tables.
--
-- What is left out, and why (see docs/data-dictionary.md, "Anonymity"):
--  * grievance free text (summary) and complainant references (complainant_ref): never here;
--  * grievance_id and exact grievance times: a provider's id or a timestamp can be matched against
--    a hotline log; the per-grievance view carries the month, area, sector and ownership instead of
--    the enterprise, so counting its rows per enterprise is impossible;
--  * per-enterprise grievance counts below the minimum cell size (3) are NULL (0 is shown);
--  * grievance-derived feature values and their contributions in score history and alerts are NULL
--    (a rate per 100 workers times the workforce gives the count back);
--  * money owed to, or due for, fewer than 3 workers is NULL: it would be one worker's wage.
-- Every comment is "Vietnamese | English"; the data dictionary is generated from them.

CREATE DATABASE IF NOT EXISTS {{db}}_analytics{{on_cluster}};

CREATE VIEW IF NOT EXISTS {{db}}_analytics.enterprises{{on_cluster}}
(
    enterprise_id String COMMENT 'Mã số thuế doanh nghiệp (10 chữ số, hoặc 10 + "-" + 3 cho chi nhánh) | Enterprise tax code (10 digits, or 10 + "-" + 3 for a branch)',
    name          String COMMENT 'Tên doanh nghiệp trong đăng ký | Registered enterprise name',
    area_code     String COMMENT 'Mã địa bàn (huyện, thị xã, thành phố) | Area code (district-level unit)',
    sector        String COMMENT 'Ngành nghề (garment, footwear, electronics, …) | Sector',
    ownership     String COMMENT 'Loại hình sở hữu: state, private, fdi, cooperative, household | Ownership',
    workforce     UInt32 COMMENT 'Số lao động | Number of workers',
    has_union     Bool COMMENT 'Đã có công đoàn cơ sở | Has a grassroots union',
    union_unit_id String COMMENT 'Đơn vị công đoàn phụ trách | Responsible union unit',
    updated_at    DateTime64(3, 'UTC') COMMENT 'Thời điểm của bản đăng ký mới nhất (UTC) | Time of the latest registry entry (UTC)'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT enterprise_id, name, toString(area_code) AS area_code, toString(sector) AS sector, toString(ownership) AS ownership,
       workforce, has_union, toString(union_unit_id) AS union_unit_id, updated_at
FROM {{db}}.enterprises_latest
COMMENT 'Doanh nghiệp: bản đăng ký mới nhất của mỗi doanh nghiệp | Enterprises: the latest registry entry of each';

CREATE VIEW IF NOT EXISTS {{db}}_analytics.grievances{{on_cluster}}
(
    month           Date COMMENT 'Tháng phát sinh khiếu nại (ngày đầu tháng, giờ Việt Nam) | Month the grievance arose (first day, Vietnam time)',
    area_code       String COMMENT 'Địa bàn của doanh nghiệp | Area of the enterprise',
    sector          String COMMENT 'Ngành của doanh nghiệp | Sector of the enterprise',
    ownership       String COMMENT 'Loại hình sở hữu của doanh nghiệp | Ownership of the enterprise',
    has_union       Bool COMMENT 'Doanh nghiệp đã có công đoàn cơ sở | The enterprise has a grassroots union',
    channel         String COMMENT 'Kênh tiếp nhận: hotline, union_officer, online_portal, letter, in_person, social_media | Channel',
    category        String COMMENT 'Loại khiếu nại: wages, wage_arrears, overtime, social_insurance, bonus, … | Category',
    severity        UInt8 COMMENT 'Mức độ 1–4 | Severity 1–4',
    collective      Bool COMMENT 'Khiếu nại tập thể (từ 2 người lao động) | Collective (2 or more workers)',
    status          String COMMENT 'Trạng thái mới nhất: open, in_progress, resolved, withdrawn | Latest status'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT toStartOfMonth(toDate(g.occurred_at, 'Asia/Ho_Chi_Minh')) AS month,
       toString(e.area_code) AS area_code, toString(e.sector) AS sector, toString(e.ownership) AS ownership, e.has_union AS has_union,
       toString(g.channel) AS channel, toString(g.category) AS category, g.severity AS severity,
       g.workers_involved >= 2 AS collective, toString(g.status) AS status
FROM {{db}}.grievances_latest AS g
LEFT JOIN {{db}}.enterprises_latest AS e ON e.enterprise_id = g.enterprise_id
COMMENT 'Khiếu nại (trạng thái mới nhất), không có doanh nghiệp, nội dung hay người khiếu nại | Grievances (latest status), without the enterprise, free text or complainant';

CREATE VIEW IF NOT EXISTS {{db}}_analytics.grievance_counts_monthly{{on_cluster}}
(
    enterprise_id     String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    month             Date COMMENT 'Tháng nhận được (ngày đầu tháng, giờ Việt Nam) | Month reported (first day, Vietnam time)',
    opened            Nullable(UInt64) COMMENT 'Khiếu nại mới; NULL khi 1–2 (ẩn ô nhỏ) | New grievances; NULL when 1–2 (small cell suppressed)',
    opened_pay        Nullable(UInt64) COMMENT 'Khiếu nại mới về lương, nợ lương, BHXH, thưởng; NULL khi 1–2 | New ones about wages, arrears, insurance, bonus; NULL when 1–2',
    opened_collective Nullable(UInt64) COMMENT 'Khiếu nại tập thể mới; NULL khi 1–2 | New collective ones; NULL when 1–2',
    closed            Nullable(UInt64) COMMENT 'Khiếu nại đã giải quyết hoặc rút; NULL khi 1–2 | Resolved or withdrawn; NULL when 1–2'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT enterprise_id, month,
       if(opened BETWEEN 1 AND 2, NULL, opened) AS opened,
       if(opened_pay BETWEEN 1 AND 2, NULL, opened_pay) AS opened_pay,
       if(opened_collective BETWEEN 1 AND 2, NULL, opened_collective) AS opened_collective,
       if(closed BETWEEN 1 AND 2, NULL, closed) AS closed
FROM
(
    SELECT enterprise_id, toStartOfMonth(day) AS month,
           uniqExactIfMerge(opened) AS opened, uniqExactIfMerge(opened_pay) AS opened_pay,
           uniqExactIfMerge(opened_collective) AS opened_collective, uniqExactIfMerge(closed) AS closed
    FROM {{db}}.grievance_daily
    GROUP BY enterprise_id, month
)
COMMENT 'Số khiếu nại mỗi doanh nghiệp mỗi tháng, ô dưới 3 bị ẩn | Grievances per enterprise and month, cells below 3 suppressed';

CREATE VIEW IF NOT EXISTS {{db}}_analytics.wage_arrears{{on_cluster}}
(
    event_id         UUID COMMENT 'Mã sự kiện | Event id',
    enterprise_id    String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    reported_at      DateTime64(3, 'UTC') COMMENT 'Thời điểm báo cáo (UTC) | Reported at (UTC)',
    period           Date COMMENT 'Kỳ lương (ngày đầu tháng) | Pay period (first day of the month)',
    amount_owed_vnd  Nullable(Int64) COMMENT 'Số tiền lương còn nợ, đồng; NULL khi dưới 3 người lao động | Wages owed, VND; NULL when fewer than 3 workers',
    workers_affected Nullable(UInt32) COMMENT 'Số người lao động bị nợ; NULL khi dưới 3 | Workers owed; NULL when fewer than 3',
    status           String COMMENT 'outstanding, partially_paid, paid | Status',
    source           String COMMENT 'Nguồn báo cáo | Source of the report'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT event_id, enterprise_id, reported_at, period,
       if(workers_affected < 3, NULL, amount_owed_vnd) AS amount_owed_vnd,
       if(workers_affected < 3, NULL, workers_affected) AS workers_affected,
       toString(status) AS status, toString(source) AS source
FROM {{db}}.wage_arrears FINAL
COMMENT 'Báo cáo nợ lương (mỗi báo cáo một dòng) | Wage-arrears reports (one row each)';

CREATE VIEW IF NOT EXISTS {{db}}_analytics.insurance_contributions{{on_cluster}}
(
    event_id        UUID COMMENT 'Mã sự kiện | Event id',
    enterprise_id   String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    period          Date COMMENT 'Tháng đóng (ngày đầu tháng) | Contribution month (first day)',
    scheme          String COMMENT 'Loại bảo hiểm: social (BHXH), health (BHYT), unemployment (BHTN) | Scheme',
    amount_due_vnd  Nullable(Int64) COMMENT 'Số phải đóng, đồng; NULL khi dưới 3 người tham gia | Due, VND; NULL when fewer than 3 insured',
    amount_paid_vnd Nullable(Int64) COMMENT 'Số đã đóng, đồng; NULL khi dưới 3 người tham gia | Paid, VND; NULL when fewer than 3 insured',
    arrears_vnd     Nullable(Int64) COMMENT 'Số còn nợ = phải đóng − đã đóng (không âm) | Arrears = due − paid (not below 0)',
    insured_workers UInt32 COMMENT 'Số người tham gia bảo hiểm | Insured workers',
    reported_at     DateTime64(3, 'UTC') COMMENT 'Thời điểm báo cáo (UTC) | Reported at (UTC)'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT event_id, enterprise_id, period, toString(scheme) AS scheme,
       if(insured_workers < 3, NULL, amount_due_vnd) AS amount_due_vnd,
       if(insured_workers < 3, NULL, amount_paid_vnd) AS amount_paid_vnd,
       if(insured_workers < 3, NULL, greatest(amount_due_vnd - amount_paid_vnd, 0)) AS arrears_vnd,
       insured_workers, reported_at
FROM {{db}}.insurance_contributions FINAL
COMMENT 'Báo cáo đóng BHXH/BHYT/BHTN (mỗi báo cáo một dòng) | Insurance-contribution reports (one row each)';

CREATE VIEW IF NOT EXISTS {{db}}_analytics.insurance_arrears_monthly{{on_cluster}}
(
    enterprise_id  String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    period         Date COMMENT 'Tháng đóng (ngày đầu tháng) | Contribution month (first day)',
    amount_due_vnd Int64 COMMENT 'Tổng phải đóng ba loại bảo hiểm theo báo cáo mới nhất, đồng | Due over the three schemes, latest report, VND',
    arrears_vnd    Int64 COMMENT 'Tổng còn nợ theo báo cáo mới nhất, đồng | Arrears over the three schemes, latest report, VND',
    in_arrears     Bool COMMENT 'Còn nợ quá 1% số phải đóng | Owes more than 1% of what is due'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT enterprise_id, period, sum(due) AS amount_due_vnd, sum(greatest(due - paid, 0)) AS arrears_vnd,
       sum(greatest(due - paid, 0)) > 0.01 * sum(due) AS in_arrears
FROM
(
    SELECT enterprise_id, period, scheme, argMaxMerge(amount_due_vnd) AS due, argMaxMerge(amount_paid_vnd) AS paid,
           argMaxMerge(insured_workers) AS insured
    FROM {{db}}.insurance_daily
    GROUP BY enterprise_id, period, scheme
)
WHERE insured >= 3
GROUP BY enterprise_id, period
COMMENT 'Nợ bảo hiểm mỗi doanh nghiệp mỗi tháng (báo cáo mới nhất; bỏ các kỳ dưới 3 người tham gia) | Insurance arrears per enterprise and month (latest report; months with fewer than 3 insured left out)';

CREATE VIEW IF NOT EXISTS {{db}}_analytics.incidents{{on_cluster}}
(
    event_id         UUID COMMENT 'Mã sự kiện | Event id',
    enterprise_id    String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    started_at       DateTime64(3, 'UTC') COMMENT 'Bắt đầu (UTC) | Started (UTC)',
    ended_at         Nullable(DateTime64(3, 'UTC')) COMMENT 'Kết thúc (UTC), NULL khi chưa rõ | Ended (UTC), NULL when unknown',
    reported_at      DateTime64(3, 'UTC') COMMENT 'Thời điểm báo cáo (UTC) | Reported at (UTC)',
    kind             String COMMENT 'strike (đình công), work_stoppage (ngừng việc), collective_dispute (tranh chấp tập thể), mass_petition (đơn tập thể) | Kind',
    lawful           Bool COMMENT 'Đúng trình tự pháp luật | Lawful',
    workers_involved UInt32 COMMENT 'Số người lao động tham gia | Workers involved',
    causes           Array(String) COMMENT 'Nguyên nhân | Causes'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT event_id, enterprise_id, started_at, ended_at, reported_at, toString(kind) AS kind, lawful, workers_involved,
       arrayMap(c -> toString(c), causes) AS causes
FROM {{db}}.incidents FINAL
COMMENT 'Sự cố đã xảy ra: đình công, ngừng việc, tranh chấp, đơn tập thể | Incidents that happened';

CREATE VIEW IF NOT EXISTS {{db}}_analytics.score_history{{on_cluster}}
(
    enterprise_id  String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    as_of          Date COMMENT 'Tính đến hết ngày (giờ Việt Nam) | As of the end of this day (Vietnam time)',
    model_version  String COMMENT 'Phiên bản mô hình | Model version',
    score          Float64 COMMENT 'Xác suất xảy ra sự cố trong 60 ngày | Probability of an incident within 60 days',
    level          String COMMENT 'Mức: low, watch, high, critical | Level',
    previous_level String COMMENT 'Mức của lần chấm trước; rỗng nếu là lần đầu | Level of the previous score; empty for the first',
    area_code      String COMMENT 'Địa bàn | Area code',
    sector         String COMMENT 'Ngành | Sector',
    contributions  Array(Tuple(feature String, value Nullable(Float64), contribution Nullable(Float64))) COMMENT 'Đóng góp của từng yếu tố; NULL với yếu tố khiếu nại | Contribution of each factor; NULL for grievance factors',
    scored_at      DateTime64(3, 'UTC') COMMENT 'Thời điểm chấm (UTC) | Scored at (UTC)'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT enterprise_id, as_of, toString(model_version) AS model_version, score, toString(level) AS level,
       toString(previous_level) AS previous_level, toString(area_code) AS area_code, toString(sector) AS sector,
       CAST(arrayMap(c -> (tupleElement(c, 1),
                           if(startsWith(tupleElement(c, 1), 'grievance_'), NULL, toNullable(tupleElement(c, 2))),
                           if(startsWith(tupleElement(c, 1), 'grievance_'), NULL, toNullable(tupleElement(c, 3)))), contributions),
            'Array(Tuple(feature String, value Nullable(Float64), contribution Nullable(Float64)))') AS contributions,
       scored_at
FROM {{db}}.scores_final
COMMENT 'Lịch sử điểm nguy cơ (chỉ các lần chấm đã hoàn tất) | Risk-score history (completed runs only)';

CREATE VIEW IF NOT EXISTS {{db}}_analytics.scores_latest{{on_cluster}}
(
    enterprise_id  String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    as_of          Date COMMENT 'Tính đến hết ngày (giờ Việt Nam) | As of the end of this day (Vietnam time)',
    model_version  String COMMENT 'Phiên bản mô hình | Model version',
    score          Float64 COMMENT 'Xác suất xảy ra sự cố trong 60 ngày | Probability of an incident within 60 days',
    level          String COMMENT 'Mức: low, watch, high, critical | Level',
    previous_level String COMMENT 'Mức của lần chấm trước | Level of the previous score',
    area_code      String COMMENT 'Địa bàn | Area code',
    sector         String COMMENT 'Ngành | Sector',
    contributions  Array(Tuple(feature String, value Nullable(Float64), contribution Nullable(Float64))) COMMENT 'Đóng góp của từng yếu tố; NULL với yếu tố khiếu nại | Contribution of each factor; NULL for grievance factors',
    scored_at      DateTime64(3, 'UTC') COMMENT 'Thời điểm chấm (UTC) | Scored at (UTC)'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT *
FROM {{db}}_analytics.score_history
ORDER BY enterprise_id, as_of DESC, scored_at DESC
LIMIT 1 BY enterprise_id
COMMENT 'Điểm nguy cơ mới nhất của mỗi doanh nghiệp | The latest risk score of each enterprise';

CREATE VIEW IF NOT EXISTS {{db}}_analytics.alerts{{on_cluster}}
(
    alert_id       String COMMENT 'Mã cảnh báo | Alert id',
    enterprise_id  String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    as_of          Date COMMENT 'Ngày của điểm gây cảnh báo | Day of the score that raised it',
    kind           String COMMENT 'raised_high, raised_critical, lowered | Kind',
    level          String COMMENT 'Mức | Level',
    previous_level String COMMENT 'Mức trước | Previous level',
    score          Float64 COMMENT 'Điểm nguy cơ | Risk score',
    model_version  String COMMENT 'Phiên bản mô hình | Model version',
    union_unit_id  String COMMENT 'Đơn vị công đoàn nhận cảnh báo | Union unit alerted',
    area_code      String COMMENT 'Địa bàn | Area code',
    reasons        Array(Tuple(feature String, value Nullable(Float64))) COMMENT 'Các lý do chính; giá trị NULL với yếu tố khiếu nại | Top reasons; value NULL for grievance factors',
    produced_at    DateTime64(3, 'UTC') COMMENT 'Thời điểm phát cảnh báo (UTC) | Produced at (UTC)'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT alert_id, enterprise_id, as_of, toString(kind) AS kind, toString(level) AS level, toString(previous_level) AS previous_level,
       score, toString(model_version) AS model_version, toString(union_unit_id) AS union_unit_id, toString(area_code) AS area_code,
       CAST(arrayMap(r -> (tupleElement(r, 1), if(startsWith(tupleElement(r, 1), 'grievance_'), NULL, tupleElement(r, 2))), reasons),
            'Array(Tuple(feature String, value Nullable(Float64)))') AS reasons,
       produced_at
FROM {{db}}.alerts FINAL
COMMENT 'Cảnh báo đã phát | Alerts raised';

CREATE VIEW IF NOT EXISTS {{db}}_analytics.areas{{on_cluster}}
(
    area_code         String COMMENT 'Mã địa bàn | Area code',
    enterprises       UInt64 COMMENT 'Số doanh nghiệp | Enterprises',
    workers           UInt64 COMMENT 'Tổng số lao động | Workers',
    unionised         UInt64 COMMENT 'Số doanh nghiệp có công đoàn cơ sở | Enterprises with a grassroots union',
    workers_unionised UInt64 COMMENT 'Số lao động ở doanh nghiệp có công đoàn | Workers at enterprises with a union'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT toString(area_code) AS area_code, count() AS enterprises, sum(workforce) AS workers,
       countIf(has_union) AS unionised, sumIf(workforce, has_union) AS workers_unionised
FROM {{db}}.enterprises_latest
GROUP BY area_code
COMMENT 'Địa bàn, suy ra từ đăng ký doanh nghiệp (tên và cấp bậc địa bàn không lưu trong ClickHouse) | Areas, derived from the registry (names and hierarchy are reference files, not stored in ClickHouse)';

CREATE VIEW IF NOT EXISTS {{db}}_analytics.union_units{{on_cluster}}
(
    union_unit_id String COMMENT 'Mã đơn vị công đoàn | Union unit id',
    enterprises   UInt64 COMMENT 'Số doanh nghiệp đơn vị phụ trách | Enterprises it is responsible for',
    workers       UInt64 COMMENT 'Tổng số lao động ở các doanh nghiệp đó | Workers at those enterprises',
    area_codes    Array(String) COMMENT 'Các địa bàn | Areas'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT toString(union_unit_id) AS union_unit_id, count() AS enterprises, sum(workforce) AS workers,
       arraySort(groupUniqArray(toString(area_code))) AS area_codes
FROM {{db}}.enterprises_latest
GROUP BY union_unit_id
COMMENT 'Đơn vị công đoàn, suy ra từ đăng ký doanh nghiệp (cấp trên và địa chỉ thư là tệp tham chiếu) | Union units, derived from the registry (hierarchy and e-mail addresses are reference files)';

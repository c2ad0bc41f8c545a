-- The analysts' views of scores and alerts, with column comments that name the alert policy's
-- states (closed, silent) and the alert kind `risen` (@lrew/risk policy.ts). Same definitions as in
-- 0007_analytics_views.sql; only the comments change.


CREATE OR REPLACE VIEW {{db}}_analytics.score_history{{on_cluster}}
(
    enterprise_id  String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    as_of          Date COMMENT 'Tính đến hết ngày (giờ Việt Nam) | As of the end of this day (Vietnam time)',
    model_version  String COMMENT 'Phiên bản mô hình | Model version',
    score          Float64 COMMENT 'Xác suất xảy ra sự cố trong 60 ngày | Probability of an incident within 60 days',
    level          String COMMENT 'Trạng thái: low, watch, high, critical; closed (ngừng hoạt động), silent (không có số liệu 6 tháng) | State: a level, closed or silent',
    previous_level String COMMENT 'Trạng thái của lần chấm trước; rỗng nếu là lần đầu | State of the previous score; empty for the first',
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

CREATE OR REPLACE VIEW {{db}}_analytics.scores_latest{{on_cluster}}
(
    enterprise_id  String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    as_of          Date COMMENT 'Tính đến hết ngày (giờ Việt Nam) | As of the end of this day (Vietnam time)',
    model_version  String COMMENT 'Phiên bản mô hình | Model version',
    score          Float64 COMMENT 'Xác suất xảy ra sự cố trong 60 ngày | Probability of an incident within 60 days',
    level          String COMMENT 'Trạng thái: low, watch, high, critical; closed (ngừng hoạt động), silent (không có số liệu 6 tháng) | State: a level, closed or silent',
    previous_level String COMMENT 'Trạng thái của lần chấm trước | State of the previous score',
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

CREATE OR REPLACE VIEW {{db}}_analytics.alerts{{on_cluster}}
(
    alert_id       String COMMENT 'Mã cảnh báo | Alert id',
    enterprise_id  String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    as_of          Date COMMENT 'Ngày của điểm gây cảnh báo | Day of the score that raised it',
    kind           String COMMENT 'raised_high, raised_critical, risen (tăng đáng kể khi đang ở mức cao), lowered | Kind',
    level          String COMMENT 'Mức | Level',
    previous_level String COMMENT 'Trạng thái trước (mức, closed hoặc silent) | Previous state',
    score          Float64 COMMENT 'Điểm nguy cơ | Risk score',
    model_version  String COMMENT 'Phiên bản mô hình | Model version',
    union_unit_id  String COMMENT 'Đơn vị công đoàn nhận cảnh báo | Union unit alerted',
    area_code      String COMMENT 'Địa bàn | Area code',
    reasons        Array(Tuple(feature String, value Nullable(Float64))) COMMENT 'Các lý do chính (chỉ tín hiệu, không phải quy mô, ngành, sở hữu); giá trị NULL với yếu tố khiếu nại | Top reasons (signals only); value NULL for grievance factors',
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

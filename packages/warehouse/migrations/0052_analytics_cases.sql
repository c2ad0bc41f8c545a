-- Curated views of cases and union actions for analysts (see 0007_analytics_views.sql for the rules).
-- The officer's name and the note of an action are left out: a note may still name a worker after
-- masking, and the officer is a person; the unit that acted is kept.

CREATE VIEW IF NOT EXISTS {{db}}_analytics.cases{{on_cluster}}
(
    case_id              String COMMENT 'Mã hồ sơ (mã cảnh báo đã mở hồ sơ) | Case id (the id of the alert that opened it)',
    enterprise_id        String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    area_code            String COMMENT 'Địa bàn | Area code',
    owner_unit_id        String COMMENT 'Đơn vị công đoàn phụ trách hồ sơ | Union unit that owns the case',
    opened_on            Date COMMENT 'Ngày mở hồ sơ (ngày của cảnh báo đầu tiên) | Day the case opened (its first alert)',
    level                String COMMENT 'Mức của cảnh báo gần nhất | Level of its latest alert',
    alerts               UInt64 COMMENT 'Số cảnh báo của hồ sơ | Alerts in the case',
    suppressed_alerts    UInt64 COMMENT 'Cảnh báo lặp lại không gửi thư (cùng mức, không tăng đáng kể) | Repeats not e-mailed (same level, no material rise)',
    state                String COMMENT 'open (chưa tiếp nhận), acknowledged, in_progress, closed | State',
    acknowledged_on      Nullable(Date) COMMENT 'Ngày tiếp nhận | Day acknowledged',
    first_action_on      Nullable(Date) COMMENT 'Ngày của hoạt động đầu tiên (ngoài tiếp nhận) | Day of the first action other than acknowledging',
    closed_on            Nullable(Date) COMMENT 'Ngày đóng (một kết quả được ghi nhận) | Day closed (an outcome recorded)',
    actions              UInt64 COMMENT 'Số hoạt động đã ghi nhận | Actions recorded',
    days_to_acknowledge  Nullable(Int64) COMMENT 'Số ngày từ khi mở đến khi tiếp nhận | Days from opening to acknowledgement',
    days_to_first_action Nullable(Int64) COMMENT 'Số ngày từ khi mở đến hoạt động đầu tiên | Days from opening to the first action'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT case_id, enterprise_id, toString(area_code) AS area_code, toString(owner_unit_id) AS owner_unit_id, opened_on, toString(level) AS level,
       alerts, suppressed_alerts, state, acknowledged_on, first_action_on, closed_on, actions, days_to_acknowledge, days_to_first_action
FROM {{db}}.cases
COMMENT 'Hồ sơ vụ việc: mỗi cảnh báo mở hoặc gộp vào hồ sơ đang mở; tình trạng suy ra từ hoạt động | Cases: each alert opens or joins the open case; state derived from actions';

CREATE VIEW IF NOT EXISTS {{db}}_analytics.case_actions{{on_cluster}}
(
    action_id      String COMMENT 'Mã hoạt động | Action id',
    enterprise_id  String COMMENT 'Mã số thuế doanh nghiệp | Enterprise tax code',
    alert_id       Nullable(String) COMMENT 'Cảnh báo được trả lời, nếu có | The alert it answers, if any',
    action         String COMMENT 'Hoạt động theo danh mục (acknowledged, fact_finding, employer_contact, …, closed_no_concern) | Action from the vocabulary',
    occurred_on    Date COMMENT 'Ngày thực hiện | Day it happened',
    union_unit_id  String COMMENT 'Đơn vị công đoàn thực hiện | Union unit that acted'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT toString(event_id) AS action_id, enterprise_id, if(isNull(alert_id), NULL, toString(alert_id)) AS alert_id, toString(action) AS action,
       occurred_on, toString(union_unit_id) AS union_unit_id
FROM {{db}}.case_actions FINAL
COMMENT 'Hoạt động của công đoàn với hồ sơ vụ việc, không có tên cán bộ hay ghi chú | Union actions on cases, without the officer or the note';

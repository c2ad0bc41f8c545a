-- The registry's optional investor country (ISO 3166-1 alpha-2; '' when not given), for the periodic
-- report's table by investor country. Old rows read as ''.
ALTER TABLE {{db}}.enterprises{{on_cluster}} ADD COLUMN IF NOT EXISTS investor_country LowCardinality(String) DEFAULT '' AFTER union_unit_id;

CREATE OR REPLACE VIEW {{db}}.enterprises_latest{{on_cluster}} AS
SELECT
    enterprise_id, name, area_code, sector, ownership, workforce, has_union, union_unit_id, investor_country, updated_at, event_id
FROM {{db}}.enterprises
ORDER BY enterprise_id, updated_at DESC, _ingested_at DESC
LIMIT 1 BY enterprise_id;

CREATE OR REPLACE VIEW {{db}}_analytics.enterprises{{on_cluster}}
(
    enterprise_id String COMMENT 'Mã số thuế doanh nghiệp (10 chữ số, hoặc 10 + "-" + 3 cho chi nhánh) | Enterprise tax code (10 digits, or 10 + "-" + 3 for a branch)',
    name          String COMMENT 'Tên doanh nghiệp trong đăng ký | Registered enterprise name',
    area_code     String COMMENT 'Mã địa bàn (huyện, thị xã, thành phố) | Area code (district-level unit)',
    sector        String COMMENT 'Ngành nghề (garment, footwear, electronics, …) | Sector',
    ownership     String COMMENT 'Loại hình sở hữu: state, private, fdi, cooperative, household | Ownership',
    workforce     UInt32 COMMENT 'Số lao động | Number of workers',
    has_union     Bool COMMENT 'Đã có công đoàn cơ sở | Has a grassroots union',
    union_unit_id String COMMENT 'Đơn vị công đoàn phụ trách | Responsible union unit',
    investor_country String COMMENT 'Quốc gia nhà đầu tư (ISO 3166-1, 2 chữ; rỗng nếu không có) | Investor country (ISO 3166-1 alpha-2; empty when not given)',
    updated_at    DateTime64(3, 'UTC') COMMENT 'Thời điểm của bản đăng ký mới nhất (UTC) | Time of the latest registry entry (UTC)'
)
DEFINER = CURRENT_USER SQL SECURITY DEFINER AS
SELECT enterprise_id, name, toString(area_code) AS area_code, toString(sector) AS sector, toString(ownership) AS ownership,
       workforce, has_union, toString(union_unit_id) AS union_unit_id, toString(investor_country) AS investor_country, updated_at
FROM {{db}}.enterprises_latest
COMMENT 'Doanh nghiệp: bản đăng ký mới nhất của mỗi doanh nghiệp | Enterprises: the latest registry entry of each';

-- Who answers for what, as of when (reference data, loaded from responsibility.json by
-- loadResponsibilityTables; see packages/reference). Every row holds for [valid_from, valid_to);
-- an open end is 1970-01-01 / 2149-06-06. A re-organisation is new rows, never new code.
-- The scope of a union office or an area-scoped analyst is computed from these tables in SQL
-- (packages/warehouse/src/scope.ts), so what staff may see is decided in ClickHouse.
-- The tables are replaced whole on each load (small: areas, units, one row per enterprise and period).

CREATE TABLE IF NOT EXISTS {{db}}.ref_areas{{on_cluster}}
(
    area_code   String,
    name        String,
    kind        LowCardinality(String) COMMENT 'province, district (2021), commune, ward (2025)',
    parent_code String COMMENT 'the area it lies in: a commune''s 2021 district, a district''s province; empty at the top',
    valid_from  Date,
    valid_to    Date
)
ENGINE = {{MergeTree()}}
ORDER BY (area_code, valid_from);

CREATE TABLE IF NOT EXISTS {{db}}.ref_units{{on_cluster}}
(
    unit_id    String,
    kind       LowCardinality(String) COMMENT 'province, district, commune, grassroots',
    parent_id  String COMMENT 'the unit above in this period; empty at the top',
    valid_from Date,
    valid_to   Date
)
ENGINE = {{MergeTree()}}
ORDER BY (unit_id, valid_from);

CREATE TABLE IF NOT EXISTS {{db}}.ref_unit_ancestors{{on_cluster}}
(
    unit_id     String,
    ancestor_id String COMMENT 'a unit at or above unit_id in this period (itself at depth 0)',
    depth       UInt8,
    valid_from  Date,
    valid_to    Date
)
ENGINE = {{MergeTree()}}
ORDER BY (ancestor_id, unit_id, valid_from);

CREATE TABLE IF NOT EXISTS {{db}}.ref_area_units{{on_cluster}}
(
    area_code  String,
    unit_id    String COMMENT 'the unit answering for the area in this period',
    valid_from Date,
    valid_to   Date
)
ENGINE = {{MergeTree()}}
ORDER BY (area_code, valid_from);

CREATE TABLE IF NOT EXISTS {{db}}.ref_enterprise_areas{{on_cluster}}
(
    enterprise_id String,
    area_code     String COMMENT 'the commune or ward the enterprise lies in during this period',
    valid_from    Date,
    valid_to      Date
)
ENGINE = {{MergeTree()}}
ORDER BY (enterprise_id, valid_from);

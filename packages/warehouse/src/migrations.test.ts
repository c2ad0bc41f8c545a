import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FatalError } from "@lrew/errors";
import { checksumOf, loadMigrations, renderMigration, splitStatements } from "./migrations.ts";

const sample = `CREATE TABLE IF NOT EXISTS {{db}}.t{{on_cluster}} (id UUID, v UInt64)
ENGINE = {{ReplacingMergeTree(v)}} ORDER BY id SETTINGS {{dedup_window(10000)}};
CREATE TABLE IF NOT EXISTS {{db}}.m{{on_cluster}} (id UUID) ENGINE = {{MergeTree()}} ORDER BY id;
CREATE VIEW IF NOT EXISTS {{db}}.v{{on_cluster}} AS SELECT * FROM {{db}}.t`;

describe("renderMigration", () => {
  it("renders the single-node variant", () => {
    expect(renderMigration(sample, { database: "lrew" })).toBe(`CREATE TABLE IF NOT EXISTS lrew.t (id UUID, v UInt64)
ENGINE = ReplacingMergeTree(v) ORDER BY id SETTINGS non_replicated_deduplication_window = 10000;
CREATE TABLE IF NOT EXISTS lrew.m (id UUID) ENGINE = MergeTree() ORDER BY id;
CREATE VIEW IF NOT EXISTS lrew.v AS SELECT * FROM lrew.t`);
  });

  it("renders the cluster variant with Replicated engines and ON CLUSTER", () => {
    expect(
      renderMigration(sample, { database: "lrew", cluster: "main" }),
    ).toBe(`CREATE TABLE IF NOT EXISTS lrew.t ON CLUSTER \`main\` (id UUID, v UInt64)
ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', v) ORDER BY id SETTINGS replicated_deduplication_window = 10000, replicated_deduplication_window_seconds = 604800;
CREATE TABLE IF NOT EXISTS lrew.m ON CLUSTER \`main\` (id UUID) ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}') ORDER BY id;
CREATE VIEW IF NOT EXISTS lrew.v ON CLUSTER \`main\` AS SELECT * FROM lrew.t`);
  });

  it("treats an empty cluster name as no cluster", () => {
    expect(renderMigration("{{db}}{{on_cluster}}", { database: "x", cluster: "" })).toBe("x");
  });

  it("refuses unknown or malformed placeholders", () => {
    expect(() => renderMigration("{{database}}", { database: "x" })).toThrow(FatalError);
    expect(() => renderMigration("{{dedup_window(many)}}", { database: "x" })).toThrow(/dedup_window/);
    expect(() => renderMigration("{{db", { database: "x" })).toThrow(FatalError);
  });

  it("renders the real migration files for both targets without leftovers", () => {
    for (const f of loadMigrations()) {
      for (const target of [{ database: "lrew" }, { database: "lrew", cluster: "c1" }]) {
        const sql = renderMigration(f.sql, target);
        expect(sql).not.toContain("{{");
        const statements = splitStatements(sql);
        expect(statements.length).toBeGreaterThan(0);
        // Only statements that can run again after a migration stopped midway (it is then re-run whole).
        for (const s of statements)
          expect(s).toMatch(
            /^(--[^\n]*\n\s*)*(CREATE |ALTER TABLE \S+( ON CLUSTER \S+)?\s+ADD COLUMN IF NOT EXISTS |DROP (VIEW|TABLE) IF EXISTS |INSERT INTO )/,
          );
        if (target.cluster) {
          expect(sql).not.toMatch(/ENGINE = (Replacing)?MergeTree/);
          expect(sql).not.toContain("non_replicated_deduplication_window");
        } else {
          expect(sql).not.toContain("Replicated");
          expect(sql).not.toContain("ON CLUSTER");
        }
      }
    }
  });
});

describe("splitStatements", () => {
  it("splits on ; outside strings and comments and drops empty pieces", () => {
    const sql = `-- header; with a semicolon
CREATE TABLE a (s String DEFAULT 'x;y') ENGINE = Memory;

/* block; comment */
SELECT 'it''s; fine', "odd;name", \`back;tick\`, 'esc\\'; still' ;
-- trailing comment only
;;`;
    expect(splitStatements(sql)).toEqual([
      `-- header; with a semicolon\nCREATE TABLE a (s String DEFAULT 'x;y') ENGINE = Memory`,
      `/* block; comment */\nSELECT 'it''s; fine', "odd;name", \`back;tick\`, 'esc\\'; still'`,
    ]);
  });

  it("keeps a last statement without a trailing semicolon", () => {
    expect(splitStatements("SELECT 1;\nSELECT 2")).toEqual(["SELECT 1", "SELECT 2"]);
  });

  it("returns nothing for comments only", () => {
    expect(splitStatements("-- nothing\n/* here */\n")).toEqual([]);
  });

  it("refuses unterminated strings and comments", () => {
    expect(() => splitStatements("SELECT 'open")).toThrow(FatalError);
    expect(() => splitStatements("SELECT 1 /* open")).toThrow(FatalError);
  });
});

describe("loadMigrations", () => {
  it("orders files by number and checksums them", () => {
    const dir = mkdtempSync(join(tmpdir(), "lrew-mig-"));
    writeFileSync(join(dir, "0002_b.sql"), "SELECT 2");
    writeFileSync(join(dir, "0001_a.sql"), "SELECT 1");
    writeFileSync(join(dir, "README.md"), "ignored");
    const files = loadMigrations(dir);
    expect(files.map((f) => f.name)).toEqual(["0001_a.sql", "0002_b.sql"]);
    expect(files[0]!.checksum).toBe(checksumOf("SELECT 1"));
    expect(checksumOf("a\r\nb")).toBe(checksumOf("a\nb"));
  });

  it("refuses duplicate numbers and badly named files", () => {
    const dir = mkdtempSync(join(tmpdir(), "lrew-mig-"));
    writeFileSync(join(dir, "0001_a.sql"), "SELECT 1");
    writeFileSync(join(dir, "0001_b.sql"), "SELECT 1");
    expect(() => loadMigrations(dir)).toThrow(/share the number 0001/);
    const dir2 = mkdtempSync(join(tmpdir(), "lrew-mig-"));
    writeFileSync(join(dir2, "1_a.sql"), "SELECT 1");
    expect(() => loadMigrations(dir2)).toThrow(FatalError);
  });
});

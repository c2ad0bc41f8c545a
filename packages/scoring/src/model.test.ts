import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "@lrew/errors";
import { FEATURE_NAMES, FEATURES } from "@lrew/risk";
import { deriveFeatures } from "./feature-formulas.ts";
import {
  DEFAULT_MODEL_FILE,
  loadModel,
  parseModel,
  saveModel,
  scoreHorizonDays,
  scoreRow,
  standardised,
  topReasons,
  transformValue,
  type Model,
} from "./model.ts";

const tiny: Model = {
  version: "test-1",
  createdAt: "2026-01-01T00:00:00.000Z",
  horizonDays: 60,
  intercept: -5,
  features: [
    { name: "insurance_arrears_months", mean: 0.2, std: 0.5, weight: 0.8 },
    { name: "workforce", mean: 3, std: 1, weight: 0.5 },
    { name: "tet_season", mean: 0.2, std: 0.3, weight: 0.3 },
  ],
  thresholds: { watch: { enter: 0.01, exit: 0.008 }, high: { enter: 0.03, exit: 0.02 }, critical: { enter: 0.1, exit: 0.07 } },
};

describe("model", () => {
  it("transforms and standardises values as the catalogue says", () => {
    expect(transformValue("log1p", Math.E - 1)).toBeCloseTo(1);
    expect(transformValue("log", 1)).toBe(0);
    expect(transformValue("identity", 3)).toBe(3);
    expect(standardised(tiny.features[0]!, Math.E - 1)).toBeCloseTo((1 - 0.2) / 0.5); // log1p
    expect(standardised(tiny.features[2]!, 0.5)).toBeCloseTo((0.5 - 0.2) / 0.3); // identity
  });

  it("contributions sum to logit − intercept and the score is the logistic of the logit", () => {
    const s = scoreRow(tiny, { values: { insurance_arrears_months: 4, workforce: 300, tet_season: 1 } });
    const sum = s.contributions.reduce((a, c) => a + c.contribution, 0);
    expect(sum).toBeCloseTo(s.logit - tiny.intercept, 12);
    expect(s.score).toBeCloseTo(1 / (1 + Math.exp(-s.logit)), 12);
    expect(s.contributions.map((c) => c.feature)).toEqual(["insurance_arrears_months", "workforce", "tet_season"]);
    expect(s.contributions[0]!.value).toBe(4);
    expect(topReasons(s.contributions, 2).map((c) => c.feature)).toEqual(["insurance_arrears_months", "workforce"]);
  });

  it("a missing value counts as 0", () => {
    const s = scoreRow(tiny, { values: {} });
    expect(s.contributions.every((c) => c.value === 0)).toBe(true);
  });

  it("ships a valid default model over the whole catalogue, and its contributions add up", () => {
    const m = loadModel();
    expect(m.horizonDays).toBe(60);
    expect(m.features.map((f) => f.name).sort()).toEqual([...FEATURE_NAMES].sort());
    expect(m.metrics).toBeDefined();
    const row = {
      values: deriveFeatures({
        enterprise_id: "5600123456",
        as_of: "2026-01-10",
        area_code: "DB-DBP",
        sector: "garment",
        ownership: "fdi",
        workforce: 300,
        has_union: false,
        first_day: "2025-07-01",
        g30: 5,
        g90: 9,
        g_base: 4,
        g90_pay: 6,
        g90_collective: 2,
        unresolved_30: 2,
        sector_rate: 0.01,
        wa_outstanding: 2_000_000_000,
        wa_periods: 2,
        wa_workers: 250,
        wa_outstanding_then: 0,
        ins_periods: 6,
        ins_last_period: "2025-12-01",
        ins_due_last: 100_000_000,
        ins_arrears: 400_000_000,
        ins_arrears_then: 100_000_000,
        ins_spell_months: 4,
        uf_months: 2,
        uf_arrears: 4_000_000,
        uf_due_last: 2_000_000,
        past_365: 0,
        nearby_90: 1,
      }),
    };
    const s = scoreRow(m, row);
    expect(s.contributions.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(s.logit - m.intercept, 10);
    expect(s.score).toBeGreaterThan(m.thresholds.high.enter);
  });

  it("rejects unknown features, bad thresholds and unreadable files with a ConfigError", () => {
    expect(() => parseModel({ ...tiny, features: [{ name: "shoe_size", mean: 0, std: 1, weight: 1 }] })).toThrow(
      /unknown feature shoe_size/,
    );
    expect(() => parseModel({ ...tiny, thresholds: { ...tiny.thresholds, high: { enter: 0.01, exit: 0.5 } } })).toThrow(ConfigError);
    expect(() => loadModel("/nonexistent/model.json")).toThrow(ConfigError);
    expect(FEATURES.length).toBeGreaterThan(15);
  });

  it("says which days a score is about: the training label's horizon, else the model's", () => {
    expect(scoreHorizonDays(tiny)).toBe(60);
    expect(scoreHorizonDays({ ...tiny, metrics: { training: { labelHorizonDays: 180 } } })).toBe(180);
    expect(scoreHorizonDays(loadModel())).toBe(180); // the shipped default-3
  });

  it("writes and reads back a model file", () => {
    const file = join(mkdtempSync(join(tmpdir(), "lrew-model-")), "m.json");
    saveModel(file, tiny);
    expect(loadModel(file)).toEqual(tiny);
    expect(DEFAULT_MODEL_FILE.endsWith("models/default.json")).toBe(true);
  });
});

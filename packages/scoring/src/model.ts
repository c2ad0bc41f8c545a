// The additive model: logistic regression on transformed, standardised features. A score is
//   logit = intercept + Σ weight_f · (T_f(x_f) − mean_f) / std_f,   score = 1 / (1 + e^−logit)
// and each term is a named contribution: contributions sum to logit − intercept. Weights live in a
// versioned JSON file (models/default.json ships with lrew).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { ConfigError } from "@lrew/errors";
import { featureSpec, levelThresholdsSchema, type Contribution, type LevelThresholds, type Transform } from "@lrew/risk";
import type { FeatureRow } from "./features.ts";

export const DEFAULT_MODEL_FILE = fileURLToPath(new URL("../models/default.json", import.meta.url));

export interface ModelFeature {
  name: string;
  /** Mean and standard deviation of the transformed value on the training set. */
  mean: number;
  std: number;
  weight: number;
}

export interface Model {
  version: string;
  createdAt: string;
  /** The model predicts an incident within this many days after the as-of date. */
  horizonDays: number;
  intercept: number;
  features: ModelFeature[];
  thresholds: LevelThresholds;
  /** How it was fitted and how it did on validation. */
  metrics?: Record<string, unknown>;
  description?: string;
}

export const modelSchema = z.object({
  version: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  createdAt: z.string(),
  horizonDays: z.int().min(1).max(730),
  intercept: z.number(),
  features: z
    .array(z.strictObject({ name: z.string(), mean: z.number(), std: z.number().positive(), weight: z.number() }))
    .min(1)
    .superRefine((fs, ctx) => {
      const seen = new Set<string>();
      fs.forEach((f, i) => {
        if (!featureSpec(f.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `unknown feature ${f.name}` });
        if (seen.has(f.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `duplicate feature ${f.name}` });
        seen.add(f.name);
      });
    }),
  thresholds: levelThresholdsSchema,
  metrics: z.record(z.string(), z.unknown()).optional(),
  description: z.string().optional(),
});

/** Checks a parsed model; ConfigError naming every problem. */
export function parseModel(json: unknown, source = "model"): Model {
  const r = modelSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.map(String).join(".") || "(model)"}: ${i.message}`);
    throw new ConfigError(`${source}: invalid model: ${issues.join("; ")}`);
  }
  return r.data as Model;
}

/** Reads and checks a model file (default: the model shipped with lrew). */
export function loadModel(file: string = DEFAULT_MODEL_FILE): Model {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(`cannot read model file ${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`model file ${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return parseModel(json, file);
}

export function saveModel(file: string, model: Model): void {
  parseModel(model, "model to save");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(model, null, 2)}\n`);
}

export function transformValue(t: Transform, x: number): number {
  switch (t) {
    case "identity":
      return x;
    case "log1p":
      return Math.log1p(Math.max(0, x));
    case "log":
      return Math.log(Math.max(1e-6, x));
  }
}

/** The transformed, standardised value the weight multiplies. */
export function standardised(f: ModelFeature, value: number): number {
  const spec = featureSpec(f.name);
  const t = transformValue(spec ? spec.transform : "identity", value);
  return (t - f.mean) / f.std;
}

export interface ScoredRow {
  /** Probability (0..1) of an incident within the model's horizon. */
  score: number;
  logit: number;
  /** One per model feature, in model order; they sum to logit − intercept. */
  contributions: Contribution[];
}

/** The days a model's score is a probability about: its training label's horizon (older files: the model's horizon). Pure. */
export function scoreHorizonDays(model: Pick<Model, "horizonDays" | "metrics">): number {
  const label = (model.metrics?.training as { labelHorizonDays?: unknown } | undefined)?.labelHorizonDays;
  return typeof label === "number" && label > 0 ? label : model.horizonDays;
}

/** The logistic function: logit → probability, computed without overflow. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function scoreRow(model: Model, row: Pick<FeatureRow, "values">): ScoredRow {
  let logit = model.intercept;
  const contributions: Contribution[] = [];
  for (const f of model.features) {
    const value = row.values[f.name] ?? 0;
    const contribution = f.weight * standardised(f, value);
    logit += contribution;
    contributions.push({ feature: f.name, value, contribution });
  }
  return { score: sigmoid(logit), logit, contributions };
}

/** The n largest positive contributions: the reasons a score is high. */
export function topReasons(contributions: readonly Contribution[], n = 3): Contribution[] {
  return [...contributions]
    .filter((c) => c.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, n);
}

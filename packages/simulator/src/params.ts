// Every figure that shapes the simulated province, with its default and where the default comes
// from. "Brief" means ../shared/BRIEF.md, "Facts for realistic data". Figures that have no public
// source are marked "judgement" and were tuned so that the default province looks like the brief
// describes (see README.md, "Calibration").
import { CHANNELS, GRIEVANCE_CATEGORIES, INCIDENT_KINDS, OWNERSHIPS, SECTORS } from "@lrew/contracts";
import { z } from "zod";
import { DIEN_BIEN, type ProvinceDefinition } from "./dien-bien.ts";

export const HIDDEN_STATES = ["healthy", "strained", "distressed", "collapsing", "closed"] as const;
export type HiddenState = (typeof HIDDEN_STATES)[number];
/** States in which an enterprise still operates (everything but closed). */
export const ACTIVE_STATES = ["healthy", "strained", "distressed", "collapsing"] as const;
export type ActiveState = (typeof ACTIVE_STATES)[number];

export type Sector = (typeof SECTORS)[number];
export type Ownership = (typeof OWNERSHIPS)[number];
export type GrievanceCategory = (typeof GRIEVANCE_CATEGORIES)[number];
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export type Channel = (typeof CHANNELS)[number];

const weight = z.number().min(0);
const prob = z.number().min(0).max(1);
const positive = z.number().positive();

/** A weight table over keys: keys left out weigh 0. */
const mix = <K extends string>(keys: readonly [K, ...K[]], dflt: Partial<Record<K, number>>) =>
  z.partialRecord(z.enum(keys), weight).default(dflt as never) as unknown as z.ZodDefault<z.ZodType<Partial<Record<K, number>>>>;
/** A multiplier table over keys: keys left out multiply by 1. */
const multipliers = <K extends string>(keys: readonly [K, ...K[]], dflt: Partial<Record<K, number>>) =>
  z.partialRecord(z.enum(keys), weight).default(dflt as never) as unknown as z.ZodDefault<z.ZodType<Partial<Record<K, number>>>>;
/** A value for every active state. */
const byState = (dflt: Record<ActiveState, number>, schema: z.ZodNumber = weight) =>
  z.strictObject({ healthy: schema, strained: schema, distressed: schema, collapsing: schema }).default(dflt);
/** Log-normal delay: median and the sd of its logarithm, capped. */
const delay = (median: number, sigma: number, max: number) =>
  z.strictObject({ median: positive, sigma: z.number().min(0), max: positive }).default({ median, sigma, max });

const areaSchema = z.strictObject({
  code: z.string().min(1).max(32),
  name: z.string().min(1),
  parent: z.string().optional(),
  slug: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .optional(),
  unionName: z.string().optional(),
  wageRegion: z.enum(["I", "II", "III", "IV"]).optional(),
  enterpriseWeight: weight.optional(),
});

const provinceSchema = z.strictObject({
  taxCodePrefix: z.string().regex(/^\d{2}$/),
  federation: z.strictObject({ id: z.string().min(1), name: z.string().min(1), email: z.string().min(3), areaCode: z.string().min(1) }),
  emailDomain: z
    .string()
    .refine((d) => d === "example.vn" || d.endsWith(".invalid") || d.startsWith("example."), "use example.* or *.invalid domains only"),
  areas: z.array(areaSchema).min(2),
});

const wageTable = z.strictObject({ I: positive, II: positive, III: positive, IV: positive });

export const simulationParamsSchema = z.strictObject({
  /** Seed of every random draw: the same seed (and parameters) gives the same world byte for byte. Default: the directive's date. */
  seed: z.union([z.int(), z.string().min(1)]).default(20211110),
  /** Number of enterprises. Default 1,500: the order of Điện Biên's active enterprises (judgement from the province's size). */
  enterprises: z.int().min(1).max(10_000_000).default(1500),
  /** First simulated day (local time, +07:00). Events start on this day; the month it falls in is the first simulated month. */
  start: z.iso.date().default("2025-07-01"),
  /** Number of simulated days. Default 365: one year, so one Tết season (Dec–Feb) is inside. */
  days: z.int().min(1).max(3660).default(365),
  /** The area hierarchy and union units: data, not code. Default: Điện Biên as of the 2021 directive (brief). */
  province: provinceSchema.default(DIEN_BIEN as z.input<typeof provinceSchema>),

  structure: z
    .strictObject({
      /**
       * Sector mix of enterprises. Default (judgement): a poor mountainous province whose enterprises are mostly
       * construction, trade and services, with agriculture/forestry, hydropower and small processing; a few
       * garment and wood-processing plants, footwear and electronics almost absent.
       */
      sectorMix: mix(SECTORS, {
        construction: 24,
        retail_trade: 16,
        services: 10,
        agriculture_forestry: 8,
        transport_logistics: 7,
        hospitality: 7,
        food_processing: 5,
        hydropower: 4,
        mining: 3,
        wood_processing: 4,
        manufacturing_other: 4,
        garment: 3,
        footwear: 0.6,
        electronics: 0.4,
        other: 4,
      }),
      /**
       * Ownership mix. Default (judgement from national statistics: ~97 % of enterprises are non-state private, FDI is
       * ~3 % nationally and far less in the northern uplands; Điện Biên has many agricultural cooperatives).
       */
      ownershipMix: mix(OWNERSHIPS, { private: 80, cooperative: 10, household: 6, state: 3, fdi: 1 }),
      /** Share of enterprises that are branches (tax code + "-001"…) of an enterprise registered elsewhere (judgement). */
      branchShare: prob.default(0.03),
      /**
       * Median workforce by sector (log-normal). Default (judgement): Vietnamese enterprises are mostly micro and small
       * (median ~10 workers); garment and footwear plants are large (brief: strikes average ~470 workers).
       */
      medianWorkforceBySector: z.partialRecord(z.enum(SECTORS), positive).default({
        garment: 150,
        footwear: 250,
        electronics: 120,
        wood_processing: 30,
        food_processing: 25,
        construction: 18,
        mining: 40,
        hydropower: 25,
        agriculture_forestry: 15,
        transport_logistics: 12,
        retail_trade: 6,
        hospitality: 10,
        services: 8,
        manufacturing_other: 20,
        other: 8,
      }),
      /** Sd of log(workforce). Default 1.0 (judgement: a size spread of ~e≈2.7× either side of the median). */
      workforceSigma: z.number().min(0).default(1.0),
      /** Workforce multiplier by ownership. Default (judgement): FDI plants and state companies are larger; households tiny. */
      workforceByOwnership: multipliers(OWNERSHIPS, { fdi: 4, state: 3, private: 1, cooperative: 1, household: 0.3 }),
      /** Largest workforce drawn. */
      maxWorkforce: z.int().min(1).default(20_000),
      /**
       * Probability of a grassroots union by ownership, for enterprises at or above `unionSizeThreshold` workers.
       * Default (judgement from the directive's call to grow coverage in non-state enterprises): near-universal in state
       * companies, most FDI plants, a minority of private ones.
       */
      unionCoverage: multipliers(OWNERSHIPS, { state: 0.95, fdi: 0.7, private: 0.3, cooperative: 0.25, household: 0.02 }),
      /** Enterprises smaller than this are less often unionised. */
      unionSizeThreshold: z.int().min(0).default(25),
      /** Coverage multiplier below the threshold. */
      smallFirmUnionFactor: prob.default(0.25),
      /**
       * Probability that an enterprise is registered with social insurance at all (unregistered ones send no
       * contribution data: the blind spot the brief's "weak signals" are about). Default (judgement).
       */
      insuranceRegistration: multipliers(OWNERSHIPS, { state: 1, fdi: 0.98, private: 0.75, cooperative: 0.55, household: 0.2 }),
      /** Share of the workforce on the insurance rolls, by ownership (judgement; under-declaration is common in private firms). */
      insuredShare: multipliers(OWNERSHIPS, { state: 0.97, fdi: 0.95, private: 0.7, cooperative: 0.6, household: 0.5 }),
    })
    .prefault({}),

  wages: z
    .strictObject({
      /**
       * Regional minimum wage (VND/month) by date of effect. Brief: from 1/1/2026 I 5,310,000; II 4,730,000;
       * III 4,140,000; IV 3,700,000. Before: Decree 74/2024/NĐ-CP from 1/7/2024 (I 4,960,000; II 4,410,000;
       * III 3,860,000; IV 3,450,000).
       */
      minimumWage: z
        .array(z.strictObject({ from: z.iso.date(), wage: wageTable }))
        .min(1)
        .default([
          { from: "2024-07-01", wage: { I: 4_960_000, II: 4_410_000, III: 3_860_000, IV: 3_450_000 } },
          { from: "2026-01-01", wage: { I: 5_310_000, II: 4_730_000, III: 4_140_000, IV: 3_700_000 } },
        ]),
      /** Region of areas that do not name one. Brief: Điện Biên is mostly region III/IV. */
      defaultRegion: z.enum(["I", "II", "III", "IV"]).default("IV"),
      /** Insured wage as a multiple of the regional minimum: median and log-sd per enterprise (judgement: declared near the floor). */
      insuredWageMultiple: z.strictObject({ median: positive, sigma: z.number().min(0) }).default({ median: 1.15, sigma: 0.1 }),
      /** Actual pay as a multiple of the regional minimum (judgement). Wage arrears are owed at this wage. */
      payMultiple: z.strictObject({ median: positive, sigma: z.number().min(0) }).default({ median: 1.5, sigma: 0.2 }),
      /**
       * Contribution rates on the insured wage, employer + employee, per scheme. Brief: employer 21.5 % (social 17.5,
       * health 3, unemployment 1), employee 10.5 %, split here by law as social 8, health 1.5, unemployment 1. So due
       * per month = insured wage × (social 25.5 % + health 4.5 % + unemployment 2 %) = 32 %.
       */
      contributionRates: z
        .strictObject({ social: prob, health: prob, unemployment: prob })
        .default({ social: 0.255, health: 0.045, unemployment: 0.02 }),
    })
    .prefault({}),

  states: z
    .strictObject({
      /** Hidden state of enterprises at the start (judgement: most are healthy; a tenth strained; a few in deep trouble). */
      initial: byState({ healthy: 0.81, strained: 0.1, distressed: 0.07, collapsing: 0.02 }),
      /**
       * Monthly transition probabilities; what is left stays. Judgement, chosen so that distress lasts months to years
       * (brief: 47–100 months of contribution arrears before owners fled in the worst cases) and a minority of
       * distressed enterprises collapse; `collapsing → closed` is owner flight / closure (absorbing).
       */
      transitions: z
        .strictObject({
          healthy: z.strictObject({ strained: prob }),
          strained: z.strictObject({ healthy: prob, distressed: prob }),
          distressed: z.strictObject({ healthy: prob, strained: prob, collapsing: prob }),
          collapsing: z.strictObject({ distressed: prob, closed: prob }),
        })
        .default({
          healthy: { strained: 0.015 },
          strained: { healthy: 0.15, distressed: 0.07 },
          distressed: { healthy: 0.02, strained: 0.08, collapsing: 0.035 },
          collapsing: { distressed: 0.05, closed: 0.15 },
        }),
      /** Multiplier of the worsening transitions by sector (judgement: construction payment chains; labour-intensive export sectors). */
      stressBySector: multipliers(SECTORS, {
        construction: 1.6,
        garment: 1.5,
        footwear: 1.5,
        wood_processing: 1.3,
        mining: 1.3,
        hospitality: 1.2,
        electronics: 1.1,
      }),
      /** Multiplier of the worsening transitions by ownership (brief: 80 % of insurance arrears are in the non-state sector). */
      stressByOwnership: multipliers(OWNERSHIPS, { state: 0.4, fdi: 1, private: 1, cooperative: 1.2, household: 1 }),
      /** Months of insurance arrears already accumulated at the start, by state: [min, max] (brief: 47–100 months before owner flight). */
      initialArrearsMonths: z
        .strictObject({
          strained: z.tuple([z.int(), z.int()]),
          distressed: z.tuple([z.int(), z.int()]),
          collapsing: z.tuple([z.int(), z.int()]),
        })
        .default({ strained: [0, 2], distressed: [2, 12], collapsing: [6, 48] }),
      /** Probability that an incident settles things: the next month's state is one step better (judgement). */
      settlementAfterIncident: prob.default(0.3),
    })
    .prefault({}),

  insurance: z
    .strictObject({
      /** Probability of paying a month's contributions in full, by state (judgement: arrears are the first sign, brief). */
      payFull: byState({ healthy: 0.97, strained: 0.35, distressed: 0.1, collapsing: 0.02 }, prob),
      /** Probability of a partial payment (the rest is paid nothing), by state. */
      payPartial: byState({ healthy: 0.03, strained: 0.5, distressed: 0.35, collapsing: 0.08 }, prob),
      /** Mean share paid in a partial payment, by state. */
      partialShare: byState({ healthy: 0.85, strained: 0.6, distressed: 0.35, collapsing: 0.2 }, prob),
      /** Share of accumulated arrears paid back in a month when healthy or strained and paying in full (judgement). */
      catchUpShare: byState({ healthy: 0.35, strained: 0.1, distressed: 0, collapsing: 0 }, prob),
      /** Day of the following month on which the agency's position for a period is reported: log-normal days after the 1st. */
      reportDay: delay(12, 0.35, 28),
    })
    .prefault({}),

  wageArrears: z
    .strictObject({
      /** Probability that a month's wages are not (fully) paid on time, by state (brief: wages fall behind after insurance). */
      unpaidProbability: byState({ healthy: 0.002, strained: 0.04, distressed: 0.6, collapsing: 0.95 }, prob),
      /** Mean share of the payroll of affected workers left unpaid, by state. */
      unpaidShare: byState({ healthy: 0.3, strained: 0.4, distressed: 0.6, collapsing: 0.9 }, prob),
      /** Mean share of the workforce affected, by state. */
      workersShare: byState({ healthy: 0.2, strained: 0.4, distressed: 0.75, collapsing: 0.95 }, prob),
      /** Probability that an unpaid month is reported at all, by state (judgement: arrears surface late and incompletely). */
      reportProbability: byState({ healthy: 0.3, strained: 0.35, distressed: 0.55, collapsing: 0.8 }, prob),
      /** Days from the end of the pay period to the report (log-normal; judgement: weeks). */
      reportDelayDays: delay(20, 0.7, 120),
      /** Probability of a follow-up report (partially_paid / paid) when arrears are settled (judgement). */
      followUpProbability: prob.default(0.5),
      /** Who reports (judgement). */
      sourceMix: mix(["labour_inspectorate", "union", "workers", "enterprise", "court", "other"], {
        union: 35,
        workers: 25,
        labour_inspectorate: 20,
        enterprise: 10,
        court: 2,
        other: 8,
      }),
    })
    .prefault({}),

  grievances: z
    .strictObject({
      /** Grievances per 100 workers per month, by state (judgement; distress multiplies the ordinary rate several-fold). */
      ratePer100: byState({ healthy: 0.25, strained: 0.5, distressed: 1.4, collapsing: 2.5 }),
      /** Log-sd of a per-enterprise propensity to complain (some workforces speak up more; gives each its own baseline). */
      propensitySigma: z.number().min(0).default(0.5),
      /** Category mix of ordinary grievances (healthy enterprises: safety, meals, overtime, contracts…; judgement). */
      ordinaryMix: mix(GRIEVANCE_CATEGORIES, {
        wages: 10,
        wage_arrears: 1,
        overtime: 13,
        social_insurance: 5,
        bonus: 4,
        dismissal: 8,
        contract: 10,
        safety: 13,
        working_conditions: 12,
        meals: 10,
        discrimination: 2,
        harassment: 3,
        other: 9,
      }),
      /** Category mix of distress grievances (brief: wages, late wages, insurance arrears, Tết bonuses). */
      distressMix: mix(GRIEVANCE_CATEGORIES, { wages: 18, wage_arrears: 35, social_insurance: 30, bonus: 10, dismissal: 5, contract: 2 }),
      /** Share of an enterprise's grievances that are distress ones, by state. */
      distressShare: byState({ healthy: 0, strained: 0.35, distressed: 0.7, collapsing: 0.85 }, prob),
      /** Weight multiplier of the bonus category in the Tết season (brief: bonus disputes cluster in December–February). */
      tetBonusMultiplier: z.number().min(0).default(4),
      /** Multiplier of the grievance rate in the Tết season. */
      tetRateMultiplier: z.number().min(0).default(1.2),
      /** Probability that a grievance is collective (many workers), by state (judgement). */
      collectiveProbability: byState({ healthy: 0.06, strained: 0.12, distressed: 0.25, collapsing: 0.4 }, prob),
      /** Channels (judgement; without a grassroots union, union_officer weighs a third). */
      channelMix: mix(CHANNELS, { union_officer: 35, hotline: 20, in_person: 18, online_portal: 12, letter: 10, social_media: 5 }),
      /** Probability of free-text `summary`. */
      summaryProbability: prob.default(0.6),
      /** Probability that a summary contains a phone number, e-mail or national ID (exercises the ingest masking). */
      piiInSummaryProbability: prob.default(0.2),
      /** Probability of a `complainant_ref` (exercises the ingest HMAC). */
      complainantRefProbability: prob.default(0.35),
      /** Probability that a grievance is ever taken up (an in_progress event). */
      inProgressProbability: prob.default(0.6),
      /** Probability of a final status: resolved, by state (distressed employers resolve less). */
      resolvedProbability: byState({ healthy: 0.8, strained: 0.65, distressed: 0.4, collapsing: 0.15 }, prob),
      /** Probability of a final status: withdrawn. */
      withdrawnProbability: prob.default(0.08),
      /** Days from the grievance to the union learning of it (`reported_at`). */
      reportDelayDays: delay(1.5, 1.0, 60),
      /** Days to in_progress. */
      inProgressDelayDays: delay(4, 0.6, 60),
      /** Days to resolved / withdrawn. */
      closeDelayDays: delay(18, 0.7, 180),
    })
    .prefault({}),

  unionFees: z
    .strictObject({
      /** The trade-union fee: 2 % of the salary fund on which compulsory social insurance is based (Trade Union Law 2024). */
      rate: prob.default(0.02),
      /**
       * Probability that a month's fee is paid, given how that month's insurance was paid (judgement: the
       * fee goes with insurance, the same payroll and the same payment run).
       */
      payGivenInsurance: z.strictObject({ full: prob, partial: prob, none: prob }).default({ full: 0.96, partial: 0.45, none: 0.06 }),
      /** Probability per month that a distressed or collapsing enterprise already in arrears is granted a deferral. */
      deferralProbability: prob.default(0.04),
      /** Months a deferral runs (the law allows at most 12). */
      deferralMonths: z.int().min(1).max(12).default(6),
      /** Probability per month that a healthy enterprise settles its fee arrears (the ledger re-records those months). */
      settleWhenHealthy: prob.default(0.4),
      /** Day of the following month on which the federation's ledger records a month's position (log-normal days). */
      reportDay: delay(15, 0.4, 28),
      /** Probability that a month is only recorded at the quarterly reconciliation (the federation's own late batches). */
      quarterlyProbability: prob.default(0.15),
      /** Probability that a month's position never reaches the ledger. */
      neverRecorded: prob.default(0.02),
    })
    .prefault({}),

  incidents: z
    .strictObject({
      /**
       * Monthly incident hazard per enterprise, by state, before multipliers. Calibration (README): national strikes
       * were ~60–150 a year in 2020–2023 (brief) among ~900,000 enterprises and ~15 million enterprise workers; stoppages,
       * collective disputes and mass petitions are several times more common than strikes. A real province like Điện Biên
       * would see a few a year; the default is set so that the default province has a few dozen incidents a year, most
       * of them in distressed or collapsing enterprises, so that a backtest has positives to find.
       */
      monthlyHazard: byState({ healthy: 0.0003, strained: 0.0008, distressed: 0.005, collapsing: 0.03 }),
      /** Hazard multiplier by sector (brief: garment, footwear, electronics, wood processing carry more strikes). */
      sectorMultiplier: multipliers(SECTORS, {
        garment: 3,
        footwear: 3,
        electronics: 2,
        wood_processing: 1.5,
        food_processing: 1.2,
        retail_trade: 0.5,
        services: 0.6,
        hospitality: 0.7,
      }),
      /** Hazard multiplier by ownership (brief: FDI and private non-state carry most). */
      ownershipMultiplier: multipliers(OWNERSHIPS, { fdi: 3, private: 1, state: 0.3, cooperative: 0.3, household: 0.15 }),
      /** Size factor (workforce / sizeReference) ^ sizeExponent, clamped to [0.2, 6]: collective action needs numbers (judgement). */
      sizeReference: positive.default(30),
      sizeExponent: z.number().min(0).default(0.6),
      /** Hazard multiplier in the Tết season (brief: strikes cluster before Tết). */
      tetMultiplier: z.number().min(0).default(2),
      /** Contagion: each incident in the same area and sector within `contagionMonths` adds this to the multiplier, up to `contagionMax`. */
      contagionPerIncident: z.number().min(0).default(1),
      contagionMonths: z.int().min(0).default(3),
      contagionMax: z.number().min(1).default(3),
      /** Kind mix by state (judgement: owner flight brings walk-outs; healthy firms mostly petition). */
      kindMix: z
        .strictObject({
          healthy: mix(INCIDENT_KINDS, { mass_petition: 45, collective_dispute: 35, work_stoppage: 12, strike: 8 }),
          strained: mix(INCIDENT_KINDS, { mass_petition: 40, collective_dispute: 30, work_stoppage: 15, strike: 15 }),
          distressed: mix(INCIDENT_KINDS, { mass_petition: 30, collective_dispute: 20, work_stoppage: 22, strike: 28 }),
          collapsing: mix(INCIDENT_KINDS, { mass_petition: 25, collective_dispute: 10, work_stoppage: 30, strike: 35 }),
        })
        .prefault({}),
      /** Probability that an incident is lawful, by kind (brief: strikes are spontaneous; petitions and disputes use lawful channels). */
      lawfulProbability: multipliers(INCIDENT_KINDS, { strike: 0.02, work_stoppage: 0.1, collective_dispute: 0.9, mass_petition: 0.95 }),
      /** Mean share of the workforce involved, by kind (brief: strikes ~470 workers in large plants). */
      workersShare: multipliers(INCIDENT_KINDS, { strike: 0.65, work_stoppage: 0.45, collective_dispute: 0.3, mass_petition: 0.35 }),
      /** Duration in days by kind (log-normal median; brief: strikes last 2–3 days). Kinds without a duration have no ended_at. */
      durationDays: multipliers(INCIDENT_KINDS, { strike: 2.5, work_stoppage: 1, collective_dispute: 20 }),
      /** Days from the start to `reported_at`. */
      reportDelayDays: delay(0.5, 1.0, 30),
    })
    .prefault({}),

  registry: z
    .strictObject({
      /** Monthly probability of a workforce update in the registry (judgement). */
      workforceUpdateProbability: prob.default(0.02),
      /** Monthly probability that an enterprise without a union founds one, if it has at least `unionSizeThreshold` workers (judgement). */
      unionFoundingProbability: prob.default(0.004),
      /**
       * The half-yearly labour-use report: employers report changes in the labour they use by 5 June and
       * 5 December (Decree 145/2020/NĐ-CP, Art. 4); lrew receives it as a registry entry. Probability that
       * an operating enterprise files it in a half-year (judgement: most do, some never).
       */
      labourUseReportProbability: prob.default(0.9),
      /** Probability that a filed report comes after the 5th (judgement). */
      labourUseLateProbability: prob.default(0.15),
      /** Days after the 5th that a late report comes (log-normal; it stays within the month). */
      labourUseLateDays: delay(7, 0.6, 25),
    })
    .prefault({}),

  reporting: z
    .strictObject({
      /** Probability that an event is never reported, by stream (judgement: grievances go unheard; the agency's data is nearly complete). */
      neverReported: z
        .strictObject({ enterprises: prob, grievances: prob, "wage-arrears": prob, "insurance-contributions": prob, incidents: prob })
        .default({ enterprises: 0, grievances: 0.15, "wage-arrears": 0, "insurance-contributions": 0.02, incidents: 0.03 }),
      /** Transport lag from the event's own time (reported_at / updated_at) to delivery, in minutes (log-normal). */
      deliveryLagMinutes: delay(30, 1.2, 720),
      /** Probability that an event is held back in a late batch (the main source of out-of-order delivery). */
      lateBatchProbability: prob.default(0.03),
      /** Extra lag of a late batch, days, uniform in [min, max]. */
      lateBatchDays: z.tuple([z.number().min(0), z.number().min(0)]).default([1, 30]),
      /** Probability that an event is delivered twice (same event_id): the pipeline must not count it twice. */
      duplicateProbability: prob.default(0.02),
      /** Lag of the second copy after the first, minutes (log-normal). */
      duplicateLagMinutes: delay(20, 1.5, 4320),
    })
    .prefault({}),

  /** Months of the Tết season (brief: December–February). */
  tetSeasonMonths: z.array(z.int().min(1).max(12)).default([12, 1, 2]),
});

export type SimulationParams = z.output<typeof simulationParamsSchema>;
export type SimulationParamsInput = z.input<typeof simulationParamsSchema>;
export type { ProvinceDefinition };

/** Parse and complete parameters (every field has a default); throws a ZodError on bad input. */
export function parseParams(input: SimulationParamsInput = {}): SimulationParams {
  return simulationParamsSchema.parse(input);
}

/** Look up a multiplier (missing key → 1). */
export function mult<K extends string>(table: Partial<Record<K, number>>, key: K): number {
  return table[key] ?? 1;
}

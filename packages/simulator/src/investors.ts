// Where an FDI enterprise's investor is from. Derived from the tax code by a hash, not drawn from a
// seeded stream, so adding it changed no other draw: every seed's other events stay as they were.
import { hashString } from "./rng.ts";

/** Sources of FDI in Vietnam's northern provinces, weighted roughly by registered projects (judgement). */
export const INVESTOR_COUNTRIES: ReadonlyArray<readonly [string, number]> = [
  ["KR", 30],
  ["CN", 25],
  ["TW", 14],
  ["JP", 12],
  ["SG", 9],
  ["HK", 6],
  ["TH", 4],
];

const TOTAL = INVESTOR_COUNTRIES.reduce((s, [, w]) => s + w, 0);

export function investorCountryOf(enterpriseId: string): string {
  let x = hashString(`investor|${enterpriseId}`) % TOTAL;
  for (const [country, weight] of INVESTOR_COUNTRIES) {
    if (x < weight) return country;
    x -= weight;
  }
  return INVESTOR_COUNTRIES[0]![0];
}

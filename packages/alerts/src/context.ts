// The context phrase: what an enterprise's structure and the season say about it, in words
// ("một doanh nghiệp may mặc lớn, có vốn đầu tư nước ngoài (1.200 lao động)" / "a large
// foreign-invested garment plant (1,200 workers)"). Structure sets an enterprise's baseline risk but
// is nothing a union can act on, so alerts, the digest and the enterprise page state it as context
// beside the reasons, never as a numbered reason. Pure.
import type { Lang } from "@lrew/contracts";
import { formatNumber } from "./format.ts";

/** Sector codes of the registry → the enterprise as a noun (vi: before the size adjective; en: after it). */
const SECTOR_NOUNS: Record<string, { vi: string; en: string }> = {
  garment: { vi: "doanh nghiệp may mặc", en: "garment plant" },
  footwear: { vi: "doanh nghiệp da giày", en: "footwear plant" },
  electronics: { vi: "doanh nghiệp điện tử", en: "electronics plant" },
  wood_processing: { vi: "doanh nghiệp chế biến gỗ", en: "wood-processing plant" },
  food_processing: { vi: "doanh nghiệp chế biến thực phẩm", en: "food-processing plant" },
  construction: { vi: "doanh nghiệp xây dựng", en: "construction firm" },
  mining: { vi: "doanh nghiệp khai khoáng", en: "mining company" },
  hydropower: { vi: "doanh nghiệp thủy điện", en: "hydropower company" },
  agriculture_forestry: { vi: "doanh nghiệp nông lâm nghiệp", en: "farming and forestry enterprise" },
  transport_logistics: { vi: "doanh nghiệp vận tải, kho bãi", en: "transport and logistics firm" },
  retail_trade: { vi: "doanh nghiệp thương mại", en: "retail business" },
  hospitality: { vi: "doanh nghiệp khách sạn, nhà hàng", en: "hotel and restaurant business" },
  services: { vi: "doanh nghiệp dịch vụ", en: "services firm" },
  manufacturing_other: { vi: "doanh nghiệp sản xuất", en: "manufacturer" },
};
const ENTERPRISE = { vi: "doanh nghiệp", en: "enterprise" };

/** Size by workforce, after Decree 80/2021/NĐ-CP for industry (micro ≤ 10, small ≤ 100, medium ≤ 200 workers). */
function sizeWord(workforce: number): { vi: string; en: string } {
  if (workforce <= 10) return { vi: "siêu nhỏ", en: "micro" };
  if (workforce <= 100) return { vi: "nhỏ", en: "small" };
  if (workforce <= 200) return { vi: "vừa", en: "medium-sized" };
  return { vi: "lớn", en: "large" };
}

export interface EnterpriseContext {
  sector: string;
  workforce: number;
  fdi: boolean;
  /** Share of the next 60 days in the Tết season (0..1). */
  tetSeason?: number;
  /** Incidents at the enterprise in the past year. */
  pastIncidents?: number;
}

/** The context of an enterprise from its feature values (as scoring computed them) and its sector. */
export function contextOf(sector: string, values: Readonly<Record<string, number>>): EnterpriseContext {
  return {
    sector,
    workforce: Math.max(0, Math.round(values["workforce"] ?? 0)),
    fdi: (values["ownership_fdi"] ?? 0) >= 0.5,
    tetSeason: values["tet_season"] ?? 0,
    pastIncidents: Math.round(values["past_incidents_365d"] ?? 0),
  };
}

/** The context phrase in one language: the enterprise, its size and ownership, then the season and past incidents. */
export function contextPhrase(c: EnterpriseContext, lang: Lang): string {
  const noun = SECTOR_NOUNS[c.sector] ?? ENTERPRISE;
  const size = sizeWord(c.workforce);
  const workers = formatNumber(c.workforce, lang, 0);
  const parts: string[] = [];
  if (lang === "vi") {
    parts.push(`Một ${noun.vi} ${size.vi}${c.fdi ? " có vốn đầu tư nước ngoài" : ""} (${workers} lao động)`);
    if ((c.pastIncidents ?? 0) > 0)
      parts.push(`đã có ${formatNumber(c.pastIncidents!, "vi", 0)} vụ ngừng việc hoặc tranh chấp tập thể trong 12 tháng qua`);
    if ((c.tetSeason ?? 0) > 0) parts.push("đang vào mùa Tết, khi tranh chấp về thưởng Tết thường tăng");
  } else {
    parts.push(`A ${size.en}${c.fdi ? " foreign-invested" : ""} ${noun.en} (${workers} ${c.workforce === 1 ? "worker" : "workers"})`);
    if ((c.pastIncidents ?? 0) > 0)
      parts.push(
        `${formatNumber(c.pastIncidents!, "en", 0)} ${c.pastIncidents === 1 ? "stoppage or collective dispute" : "stoppages or collective disputes"} in the past year`,
      );
    if ((c.tetSeason ?? 0) > 0) parts.push("entering the Tết season, when bonus disputes cluster");
  }
  return `${parts.join("; ")}.`;
}

/** Both languages. */
export function contextPhrases(c: EnterpriseContext): { vi: string; en: string } {
  return { vi: contextPhrase(c, "vi"), en: contextPhrase(c, "en") };
}

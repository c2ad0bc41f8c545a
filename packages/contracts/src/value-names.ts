// Vietnamese and English names of the registry's and events' coded values (sectors, ownership,
// grievance categories, incident kinds), shared by the dashboard, the periodic report and the CLI.
// Unknown codes are shown as they are.
import type { Lang } from "./messages.ts";

export type Names = Record<string, { vi: string; en: string }>;

export const SECTOR_NAMES: Names = {
  garment: { vi: "May mặc", en: "Garment" },
  footwear: { vi: "Da giày", en: "Footwear" },
  electronics: { vi: "Điện tử", en: "Electronics" },
  wood_processing: { vi: "Chế biến gỗ", en: "Wood processing" },
  food_processing: { vi: "Chế biến thực phẩm", en: "Food processing" },
  construction: { vi: "Xây dựng", en: "Construction" },
  mining: { vi: "Khai khoáng", en: "Mining" },
  hydropower: { vi: "Thủy điện", en: "Hydropower" },
  agriculture_forestry: { vi: "Nông, lâm nghiệp", en: "Agriculture and forestry" },
  transport_logistics: { vi: "Vận tải, kho bãi", en: "Transport and logistics" },
  retail_trade: { vi: "Thương mại, bán lẻ", en: "Retail trade" },
  hospitality: { vi: "Khách sạn, nhà hàng", en: "Hospitality" },
  services: { vi: "Dịch vụ", en: "Services" },
  manufacturing_other: { vi: "Sản xuất khác", en: "Other manufacturing" },
  other: { vi: "Khác", en: "Other" },
};

export const OWNERSHIP_NAMES: Names = {
  state: { vi: "Nhà nước", en: "State" },
  private: { vi: "Tư nhân", en: "Private" },
  fdi: { vi: "FDI (vốn nước ngoài)", en: "FDI (foreign-invested)" },
  cooperative: { vi: "Hợp tác xã", en: "Cooperative" },
  household: { vi: "Hộ kinh doanh", en: "Household business" },
};

export const CATEGORY_NAMES: Names = {
  wages: { vi: "Tiền lương", en: "Wages" },
  wage_arrears: { vi: "Nợ lương", en: "Wage arrears" },
  overtime: { vi: "Làm thêm giờ", en: "Overtime" },
  social_insurance: { vi: "Bảo hiểm xã hội", en: "Social insurance" },
  bonus: { vi: "Tiền thưởng", en: "Bonus" },
  dismissal: { vi: "Sa thải", en: "Dismissal" },
  contract: { vi: "Hợp đồng lao động", en: "Employment contract" },
  safety: { vi: "An toàn lao động", en: "Safety" },
  working_conditions: { vi: "Điều kiện làm việc", en: "Working conditions" },
  meals: { vi: "Bữa ăn ca", en: "Meals" },
  discrimination: { vi: "Phân biệt đối xử", en: "Discrimination" },
  harassment: { vi: "Quấy rối", en: "Harassment" },
  other: { vi: "Khác", en: "Other" },
};

export const INCIDENT_KIND_NAMES: Names = {
  strike: { vi: "Đình công", en: "Strike" },
  work_stoppage: { vi: "Ngừng việc tập thể", en: "Work stoppage" },
  collective_dispute: { vi: "Tranh chấp lao động tập thể", en: "Collective dispute" },
  mass_petition: { vi: "Khiếu nại đông người", en: "Mass petition" },
};

/** The name of a code in a table above, or the code itself. */
export function nameOf(names: Names, code: string, lang: Lang): string {
  return names[code]?.[lang] ?? code;
}

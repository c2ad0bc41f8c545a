// Vietnamese and English names of the registry's and events' coded values (sectors, ownership,
// grievance categories, incident kinds, delivery states). Unknown codes are shown as they are.
import type { Lang } from "@lrew/contracts";

type Names = Record<string, { vi: string; en: string }>;

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

export const LEVEL_NAMES: Names = {
  low: { vi: "Thấp", en: "Low" },
  watch: { vi: "Theo dõi", en: "Watch" },
  high: { vi: "Cao", en: "High" },
  critical: { vi: "Nghiêm trọng", en: "Critical" },
  closed: { vi: "Đã ngừng hoạt động", en: "Closed" },
  silent: { vi: "Không có số liệu mới", en: "Silent" },
  "": { vi: "Chưa chấm điểm", en: "Not scored" },
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

export const WAGE_STATUS_NAMES: Names = {
  outstanding: { vi: "Chưa trả", en: "Outstanding" },
  partially_paid: { vi: "Trả một phần", en: "Partially paid" },
  paid: { vi: "Đã trả", en: "Paid" },
};

export const DELIVERY_STATUS_NAMES: Names = {
  sent: { vi: "Đã gửi", en: "Sent" },
  sending: { vi: "Đang gửi", en: "Sending" },
  failed: { vi: "Lỗi, sẽ thử lại", en: "Failed, will retry" },
  parked: { vi: "Tạm dừng (lỗi)", en: "Parked (error)" },
  uncertain: { vi: "Không chắc đã gửi", en: "Uncertain" },
  pending_digest: { vi: "Chờ thư tổng hợp", en: "Waiting for the digest" },
};

export const ALERT_KIND_NAMES: Names = {
  raised_high: { vi: "Lên mức Cao", en: "Raised to High" },
  risen: { vi: "Tăng thêm", en: "Risen further" },
  raised_critical: { vi: "Lên mức Nghiêm trọng", en: "Raised to Critical" },
  lowered: { vi: "Giảm mức", en: "Lowered" },
};

export const RUN_STATUS_NAMES: Names = {
  completed: { vi: "Hoàn thành", en: "Completed" },
  running: { vi: "Đang chạy", en: "Running" },
  failed: { vi: "Lỗi", en: "Failed" },
};

/** The name of a code in a table above, or the code itself. */
export function nameOf(names: Names, code: string, lang: Lang): string {
  return names[code]?.[lang] ?? code;
}

// Vietnamese and English names of coded values. The registry's and events' codes are named once in @lrew/contracts, levels in @lrew/risk; the
// service's own codes (delivery states, alert kinds, run states) are named here.
export { CATEGORY_NAMES, INCIDENT_KIND_NAMES, OWNERSHIP_NAMES, SECTOR_NAMES, nameOf, type Names } from "@lrew/contracts";
export { LEVEL_NAMES } from "@lrew/risk";
import type { Names } from "@lrew/contracts";

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

export const RELIEF_NAMES: Names = {
  exemption: { vi: "Miễn", en: "Exemption" },
  reduction: { vi: "Giảm", en: "Reduction" },
  deferral: { vi: "Tạm hoãn", en: "Deferral" },
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

// Vietnamese and English names of the risk levels and the policy's own states (closed, silent; '' for
// an enterprise never scored).

export const LEVEL_NAMES: Record<string, { vi: string; en: string }> = {
  low: { vi: "Thấp", en: "Low" },
  watch: { vi: "Theo dõi", en: "Watch" },
  high: { vi: "Cao", en: "High" },
  critical: { vi: "Nghiêm trọng", en: "Critical" },
  closed: { vi: "Đã ngừng hoạt động", en: "Closed" },
  silent: { vi: "Không có số liệu mới", en: "Silent" },
  "": { vi: "Chưa chấm điểm", en: "Not scored" },
};

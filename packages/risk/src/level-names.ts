// Vietnamese and English names of the risk levels ('' for an enterprise never scored).

export const LEVEL_NAMES: Record<string, { vi: string; en: string }> = {
  low: { vi: "Thấp", en: "Low" },
  watch: { vi: "Theo dõi", en: "Watch" },
  high: { vi: "Cao", en: "High" },
  critical: { vi: "Nghiêm trọng", en: "Critical" },
  "": { vi: "Chưa chấm điểm", en: "Not scored" },
};

// The header and value dictionaries: how Vietnamese agencies name columns and write enum values,
// mapped onto the v1 contract. This file is data: to accept a new spelling, add it here (with and
// without diacritics makes no difference, neither do case, spacing, underscores or punctuation:
// every key is compared after `normalizeKey`). The tests check that no normalised key points at two
// different fields or values, and that every target is a real contract field or enum value.
//
// A column-mapping file (see mapping.ts) takes precedence over everything here.
import { CASE_ACTION_KINDS, CASE_ACTION_VOCABULARY, type StreamName } from "@lrew/contracts";

/** Compares headers and words: NFD, combining marks removed, đ→d, lower case, non-alphanumerics collapsed to one space. */
export function normalizeKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Headers. Every contract field's own name (`amount_owed_vnd`, "Amount owed VND") is always
// accepted as well; these are the additional names, per stream, per field.
// ---------------------------------------------------------------------------------------------

const ENTERPRISE_ID = ["Mã số thuế", "MST", "Mã số DN", "Mã số doanh nghiệp", "Mã doanh nghiệp", "Mã DN", "Tax code", "Enterprise ID"];
const EVENT_ID = ["Mã sự kiện", "Event ID"];
/** When the provider itself first had the record (a backlog's received_at). */
const RECEIVED_AT = ["Ngày nhận", "Thời điểm nhận", "Ngày nhận được", "Ngày đơn vị nhận", "Received at"];

export const HEADER_ALIASES: Record<StreamName, Record<string, readonly string[]>> = {
  enterprises: {
    event_id: EVENT_ID,
    enterprise_id: ENTERPRISE_ID,
    name: ["Tên doanh nghiệp", "Tên DN", "Tên đơn vị", "Tên công ty", "Doanh nghiệp", "Tên"],
    area_code: ["Mã địa bàn", "Địa bàn", "Mã khu vực", "Khu vực", "Area"],
    sector: ["Ngành", "Ngành nghề", "Ngành kinh tế", "Lĩnh vực"],
    ownership: ["Loại hình sở hữu", "Loại hình doanh nghiệp", "Loại hình", "Sở hữu", "Thành phần kinh tế"],
    workforce: ["Số lao động", "Tổng số lao động", "Số LĐ", "Lao động", "Số công nhân"],
    has_union: ["Có công đoàn", "Có CĐCS", "Đã có công đoàn", "Công đoàn cơ sở", "Có công đoàn cơ sở"],
    union_unit_id: ["Mã công đoàn", "Đơn vị công đoàn", "Mã đơn vị công đoàn", "Công đoàn phụ trách", "Mã CĐ"],
    investor_country: ["Quốc gia nhà đầu tư", "Nước đầu tư", "Quốc tịch nhà đầu tư", "Investor country"],
    updated_at: ["Ngày cập nhật", "Cập nhật", "Thời điểm cập nhật"],
    received_at: RECEIVED_AT,
  },
  grievances: {
    event_id: EVENT_ID,
    grievance_id: ["Mã khiếu nại", "Số hồ sơ", "Mã hồ sơ", "Mã vụ việc", "Số đơn"],
    enterprise_id: ENTERPRISE_ID,
    occurred_at: ["Ngày xảy ra", "Thời điểm", "Thời điểm xảy ra", "Ngày khiếu nại", "Ngày"],
    reported_at: ["Ngày tiếp nhận", "Thời điểm tiếp nhận", "Ngày báo cáo", "Ngày cập nhật"],
    channel: ["Kênh", "Kênh tiếp nhận", "Hình thức tiếp nhận", "Nguồn tiếp nhận"],
    category: ["Loại", "Nhóm khiếu nại", "Loại khiếu nại", "Nội dung khiếu nại", "Lĩnh vực", "Nhóm"],
    severity: ["Mức độ", "Mức độ nghiêm trọng", "Mức độ ưu tiên"],
    workers_involved: ["Số người", "Số lao động liên quan", "Số người lao động", "Số người khiếu nại", "Số lao động"],
    status: ["Trạng thái", "Tình trạng", "Kết quả giải quyết", "Tình trạng giải quyết"],
    summary: ["Nội dung", "Tóm tắt", "Tóm tắt nội dung", "Mô tả"],
    complainant_ref: ["Người khiếu nại", "Mã người khiếu nại", "Người gửi"],
    received_at: RECEIVED_AT,
  },
  "wage-arrears": {
    event_id: EVENT_ID,
    enterprise_id: ENTERPRISE_ID,
    reported_at: ["Ngày báo cáo", "Ngày ghi nhận", "Ngày phát hiện", "Thời điểm báo cáo", "Ngày"],
    period: ["Kỳ lương", "Tháng", "Kỳ", "Tháng lương", "Kỳ nợ"],
    amount_owed_vnd: ["Số tiền nợ (đồng)", "Số tiền nợ", "Số tiền nợ lương", "Tiền nợ lương", "Số tiền nợ (VNĐ)", "Nợ lương"],
    workers_affected: ["Số lao động bị nợ", "Số lao động bị nợ lương", "Số người bị nợ lương", "Số lao động", "Số người"],
    status: ["Trạng thái", "Tình trạng", "Tình trạng thanh toán"],
    source: ["Nguồn", "Nguồn tin", "Nguồn báo cáo", "Đơn vị báo cáo"],
    received_at: RECEIVED_AT,
  },
  "insurance-contributions": {
    event_id: EVENT_ID,
    enterprise_id: ENTERPRISE_ID,
    period: ["Kỳ", "Tháng", "Kỳ đóng", "Tháng đóng", "Kỳ báo cáo"],
    scheme: ["Loại bảo hiểm", "Chế độ", "Loại", "Quỹ"],
    amount_due_vnd: ["Phải đóng", "Số phải đóng", "Số tiền phải đóng", "Số phải nộp", "Phải nộp"],
    amount_paid_vnd: ["Đã đóng", "Số đã đóng", "Số tiền đã đóng", "Số đã nộp", "Đã nộp"],
    insured_workers: ["Số lao động tham gia", "Số lao động tham gia BHXH", "Số người tham gia", "Số lao động", "Số LĐ tham gia"],
    reported_at: ["Ngày báo cáo", "Ngày số liệu", "Ngày chốt số liệu", "Ngày xuất"],
    received_at: RECEIVED_AT,
  },
  "union-fees": {
    event_id: EVENT_ID,
    enterprise_id: ENTERPRISE_ID,
    period: ["Kỳ", "Tháng", "Kỳ đóng", "Tháng đóng", "Kỳ nộp", "Tháng nộp"],
    payroll_base_vnd: ["Quỹ lương", "Quỹ tiền lương", "Quỹ lương đóng BHXH", "Quỹ tiền lương làm căn cứ đóng BHXH", "Quỹ lương làm căn cứ"],
    amount_due_vnd: ["Phải nộp", "Số phải nộp", "Kinh phí phải nộp", "KPCĐ phải nộp", "Phải đóng", "Số phải đóng"],
    amount_paid_vnd: ["Đã nộp", "Số đã nộp", "Kinh phí đã nộp", "KPCĐ đã nộp", "Đã đóng", "Số đã đóng"],
    "relief.kind": ["Miễn, giảm, tạm hoãn", "Miễn giảm", "Hình thức miễn giảm", "Ưu đãi"],
    "relief.from": ["Từ kỳ", "Từ tháng", "Miễn giảm từ"],
    "relief.to": ["Đến kỳ", "Đến tháng", "Miễn giảm đến"],
    "relief.decision_ref": ["Số quyết định", "Quyết định", "Số QĐ"],
    reported_at: ["Ngày ghi sổ", "Ngày cập nhật", "Ngày số liệu", "Ngày chốt số liệu"],
    received_at: RECEIVED_AT,
  },
  incidents: {
    event_id: EVENT_ID,
    incident_id: ["Mã sự cố", "Mã vụ việc", "Số hiệu vụ việc", "Mã sự việc"],
    enterprise_id: ENTERPRISE_ID,
    started_at: ["Ngày bắt đầu", "Thời điểm bắt đầu", "Bắt đầu", "Ngày xảy ra"],
    ended_at: ["Ngày kết thúc", "Thời điểm kết thúc", "Kết thúc"],
    reported_at: ["Ngày báo cáo", "Ngày ghi nhận"],
    kind: ["Hình thức", "Loại vụ việc", "Loại", "Loại sự việc"],
    lawful: ["Đúng luật", "Đúng pháp luật", "Hợp pháp", "Đúng trình tự"],
    workers_involved: ["Số người tham gia", "Số lao động tham gia", "Số người", "Số lao động"],
    causes: ["Nguyên nhân", "Các nguyên nhân", "Nguyên nhân chính"],
    received_at: RECEIVED_AT,
  },
  "case-actions": {
    event_id: [...EVENT_ID, "Mã hoạt động", "Mã hành động"],
    enterprise_id: ENTERPRISE_ID,
    alert_id: ["Mã cảnh báo", "Cảnh báo", "Alert ID"],
    action: ["Hoạt động", "Hành động", "Việc đã làm", "Biện pháp", "Biện pháp xử lý", "Nội dung hoạt động"],
    occurred_on: ["Ngày", "Ngày thực hiện", "Ngày hoạt động", "Ngày làm việc"],
    officer: ["Cán bộ", "Cán bộ thực hiện", "Người thực hiện", "Cán bộ phụ trách"],
    union_unit_id: ["Mã công đoàn", "Đơn vị công đoàn", "Mã đơn vị công đoàn", "Đơn vị", "Mã đơn vị"],
    note: ["Ghi chú", "Kết quả", "Nội dung", "Diễn giải"],
    received_at: RECEIVED_AT,
  },
};

/**
 * Columns ignored in every stream unless a mapping file says otherwise: the row counter (STT) that
 * every Vietnamese table starts with. Anything else the contract does not name is an error on every
 * row where it has a value, so no data disappears silently.
 */
export const IGNORED_HEADERS: readonly string[] = ["STT", "TT", "Số TT", "Số thứ tự", "No", "#"];

/**
 * Columns ignored in the fact streams (not `enterprises`): the enterprise's name, which agencies put
 * beside the tax code for people to read; lrew takes names from the enterprise register.
 */
export const IGNORED_FACT_HEADERS: readonly string[] = ["Tên doanh nghiệp", "Tên DN", "Tên đơn vị", "Tên công ty", "Doanh nghiệp", "Tên"];

// ---------------------------------------------------------------------------------------------
// Values. Each enum field accepts its own values in any case and with spaces for underscores
// ("In progress", "work stoppage") plus these words.
// ---------------------------------------------------------------------------------------------

type Synonyms = Record<string, string | number | boolean>;

const GRIEVANCE_CATEGORY_WORDS: Synonyms = {
  "Tiền lương": "wages",
  Lương: "wages",
  "Nợ lương": "wage_arrears",
  "Chậm trả lương": "wage_arrears",
  "Chậm lương": "wage_arrears",
  "Nợ lương, chậm trả lương": "wage_arrears",
  "Làm thêm giờ": "overtime",
  "Tăng ca": "overtime",
  "Thời giờ làm việc": "overtime",
  BHXH: "social_insurance",
  "Bảo hiểm xã hội": "social_insurance",
  "Nợ BHXH": "social_insurance",
  "Bảo hiểm": "social_insurance",
  Thưởng: "bonus",
  "Thưởng Tết": "bonus",
  "Tiền thưởng": "bonus",
  "Sa thải": "dismissal",
  "Cho thôi việc": "dismissal",
  "Hợp đồng": "contract",
  "Hợp đồng lao động": "contract",
  HĐLĐ: "contract",
  "An toàn": "safety",
  "An toàn lao động": "safety",
  "An toàn vệ sinh lao động": "safety",
  ATVSLĐ: "safety",
  "Điều kiện làm việc": "working_conditions",
  "Môi trường làm việc": "working_conditions",
  "Bữa ăn": "meals",
  "Bữa ăn ca": "meals",
  "Suất ăn": "meals",
  "Phân biệt đối xử": "discrimination",
  "Quấy rối": "harassment",
  "Quấy rối tình dục": "harassment",
  Khác: "other",
};

const YES_NO: Synonyms = {
  Có: true,
  x: true,
  X: true,
  "1": true,
  true: true,
  yes: true,
  y: true,
  Đúng: true,
  Rồi: true,
  Không: false,
  "0": false,
  false: false,
  no: false,
  n: false,
  Sai: false,
  Chưa: false,
  "Chưa có": false,
};

/** Words accepted for booleans in every stream (before any field-specific word). */
export const BOOLEAN_WORDS: Synonyms = YES_NO;

export const VALUE_SYNONYMS: Record<StreamName, Record<string, Synonyms>> = {
  enterprises: {
    sector: {
      "Dệt may": "garment",
      "May mặc": "garment",
      May: "garment",
      "Da giày": "footwear",
      "Giày da": "footwear",
      "Điện tử": "electronics",
      "Chế biến gỗ": "wood_processing",
      Gỗ: "wood_processing",
      "Chế biến thực phẩm": "food_processing",
      "Thực phẩm": "food_processing",
      "Chế biến nông sản": "food_processing",
      "Xây dựng": "construction",
      "Khai khoáng": "mining",
      "Khai thác khoáng sản": "mining",
      "Khai thác mỏ": "mining",
      "Thủy điện": "hydropower",
      "Nông lâm nghiệp": "agriculture_forestry",
      "Nông nghiệp": "agriculture_forestry",
      "Lâm nghiệp": "agriculture_forestry",
      "Nông, lâm nghiệp": "agriculture_forestry",
      "Vận tải": "transport_logistics",
      "Vận tải, kho bãi": "transport_logistics",
      Logistics: "transport_logistics",
      "Bán lẻ": "retail_trade",
      "Thương mại": "retail_trade",
      "Khách sạn, nhà hàng": "hospitality",
      "Khách sạn": "hospitality",
      "Nhà hàng": "hospitality",
      "Du lịch": "hospitality",
      "Dịch vụ": "services",
      "Sản xuất khác": "manufacturing_other",
      "Công nghiệp khác": "manufacturing_other",
      Khác: "other",
    },
    ownership: {
      "Nhà nước": "state",
      DNNN: "state",
      "Doanh nghiệp nhà nước": "state",
      "Tư nhân": "private",
      "Ngoài nhà nước": "private",
      "Ngoài quốc doanh": "private",
      "DN tư nhân": "private",
      "Doanh nghiệp tư nhân": "private",
      "Công ty TNHH": "private",
      "Công ty cổ phần": "private",
      FDI: "fdi",
      "Có vốn đầu tư nước ngoài": "fdi",
      "Vốn đầu tư nước ngoài": "fdi",
      "Doanh nghiệp FDI": "fdi",
      "Hợp tác xã": "cooperative",
      HTX: "cooperative",
      "Hộ kinh doanh": "household",
      "Hộ kinh doanh cá thể": "household",
      "Hộ gia đình": "household",
    },
    has_union: { "Đã có": true, "Đã thành lập": true, "Chưa thành lập": false },
  },
  grievances: {
    channel: {
      "Đường dây nóng": "hotline",
      "Điện thoại": "hotline",
      "Tổng đài": "hotline",
      "Cán bộ công đoàn": "union_officer",
      "Công đoàn": "union_officer",
      "Cổng thông tin": "online_portal",
      "Cổng thông tin điện tử": "online_portal",
      "Trực tuyến": "online_portal",
      Online: "online_portal",
      "Đơn thư": "letter",
      Thư: "letter",
      Đơn: "letter",
      "Trực tiếp": "in_person",
      "Tiếp dân": "in_person",
      "Mạng xã hội": "social_media",
      Facebook: "social_media",
      Zalo: "social_media",
    },
    category: GRIEVANCE_CATEGORY_WORDS,
    severity: {
      Thấp: 1,
      Nhẹ: 1,
      "Trung bình": 2,
      Cao: 3,
      "Nghiêm trọng": 3,
      "Khẩn cấp": 4,
      "Rất nghiêm trọng": 4,
      "Rất cao": 4,
    },
    status: {
      Mới: "open",
      "Mới tiếp nhận": "open",
      "Chưa giải quyết": "open",
      "Chưa xử lý": "open",
      "Đang giải quyết": "in_progress",
      "Đang xử lý": "in_progress",
      "Đã giải quyết": "resolved",
      "Đã xử lý": "resolved",
      "Hoàn thành": "resolved",
      Rút: "withdrawn",
      "Rút đơn": "withdrawn",
      "Đã rút": "withdrawn",
      "Đã rút đơn": "withdrawn",
    },
  },
  "wage-arrears": {
    status: {
      "Chưa trả": "outstanding",
      "Chưa thanh toán": "outstanding",
      "Còn nợ": "outstanding",
      "Trả một phần": "partially_paid",
      "Đã trả một phần": "partially_paid",
      "Thanh toán một phần": "partially_paid",
      "Đã trả": "paid",
      "Đã trả đủ": "paid",
      "Đã thanh toán": "paid",
      "Hết nợ": "paid",
    },
    source: {
      "Thanh tra lao động": "labour_inspectorate",
      "Thanh tra": "labour_inspectorate",
      "Thanh tra Sở LĐTBXH": "labour_inspectorate",
      "Công đoàn": "union",
      "Người lao động": "workers",
      NLĐ: "workers",
      "Công nhân": "workers",
      "Doanh nghiệp": "enterprise",
      DN: "enterprise",
      "Tòa án": "court",
      Khác: "other",
    },
  },
  "insurance-contributions": {
    scheme: {
      BHXH: "social",
      "Bảo hiểm xã hội": "social",
      BHYT: "health",
      "Bảo hiểm y tế": "health",
      BHTN: "unemployment",
      "Bảo hiểm thất nghiệp": "unemployment",
    },
  },
  "union-fees": {
    "relief.kind": {
      Miễn: "exemption",
      "Miễn nộp": "exemption",
      Giảm: "reduction",
      "Giảm nộp": "reduction",
      "Tạm hoãn": "deferral",
      "Tạm dừng đóng": "deferral",
      Hoãn: "deferral",
    },
  },
  incidents: {
    kind: {
      "Đình công": "strike",
      "Ngừng việc": "work_stoppage",
      "Ngừng việc tập thể": "work_stoppage",
      "Lãn công": "work_stoppage",
      "Tranh chấp lao động tập thể": "collective_dispute",
      "Tranh chấp tập thể": "collective_dispute",
      "Tranh chấp": "collective_dispute",
      "Kiến nghị tập thể": "mass_petition",
      "Đơn tập thể": "mass_petition",
      "Khiếu nại tập thể": "mass_petition",
    },
    lawful: {
      "Hợp pháp": true,
      "Đúng luật": true,
      "Bất hợp pháp": false,
      "Trái luật": false,
      "Không đúng luật": false,
      "Tự phát": false,
    },
    causes: GRIEVANCE_CATEGORY_WORDS,
  },
  "case-actions": {
    action: {
      // Every action's Vietnamese name and English gloss, as the dashboard shows them, and shorter
      // names offices write in their own sheets.
      ...Object.fromEntries(
        CASE_ACTION_KINDS.flatMap((k) => [
          [CASE_ACTION_VOCABULARY[k].vi, k],
          [CASE_ACTION_VOCABULARY[k].en, k],
        ]),
      ),
      "Tiếp nhận": "acknowledged",
      "Đã tiếp nhận": "acknowledged",
      "Nắm tình hình": "fact_finding",
      "Gặp người lao động": "fact_finding",
      "Làm việc với doanh nghiệp": "employer_contact",
      "Kiến nghị với người sử dụng lao động": "employer_contact",
      "Đối thoại": "workplace_dialogue",
      "Đối thoại tại nơi làm việc": "workplace_dialogue",
      "Thương lượng tập thể": "collective_bargaining",
      "Đôn đốc nợ BHXH": "insurance_arrears_referral",
      "Thanh tra": "inspection_request",
      "Hòa giải": "mediation",
      "Hòa giải viên lao động": "mediation",
      "Trọng tài": "arbitration",
      "Trọng tài lao động": "arbitration",
      "Tư vấn pháp luật": "legal_aid",
      "Hỗ trợ khởi kiện": "legal_aid",
      "Báo cáo nhanh": "flash_report",
      "Đã chi trả": "resolved_paid",
      "Đã khắc phục": "resolved_paid",
      "Trở lại làm việc": "workers_returned",
      "Chuyển cơ quan chức năng": "referred_to_authorities",
      "Đóng hồ sơ": "closed_no_concern",
    },
  },
};

// Free-text grievance summaries in Vietnamese, some of them carrying a (fake) phone number, e-mail
// address or national ID number so that the masking at ingest has something to mask. Every
// number is random; e-mail domains are example.vn / .invalid only.
import type { GrievanceCategory } from "./params.ts";
import type { Rng } from "./rng.ts";

const TEMPLATES: Record<GrievanceCategory, readonly string[]> = {
  wages: [
    "Người lao động phản ánh tiền lương thấp hơn thỏa thuận trong hợp đồng.",
    "Công nhân đề nghị công ty điều chỉnh lương theo mức lương tối thiểu vùng mới.",
    "Phản ánh việc trừ lương không rõ lý do trong kỳ lương tháng {m}.",
  ],
  wage_arrears: [
    "Công ty chậm trả lương tháng {m}, nhiều công nhân chưa nhận được lương.",
    "Người lao động bị nợ lương {n} tháng, đề nghị công đoàn can thiệp.",
    "Doanh nghiệp hẹn trả lương nhiều lần nhưng không thực hiện.",
  ],
  overtime: ["Công nhân phải làm thêm giờ quá quy định, không được trả tiền làm thêm.", "Phản ánh việc tăng ca liên tục vào ngày nghỉ."],
  social_insurance: [
    "Người lao động phát hiện công ty không đóng BHXH dù đã trừ vào lương.",
    "Công ty nợ đóng BHXH, BHYT {n} tháng, thẻ BHYT không sử dụng được.",
    "Đề nghị chốt sổ BHXH để hưởng trợ cấp thất nghiệp nhưng công ty chưa đóng đủ.",
  ],
  bonus: [
    "Công nhân hỏi về thưởng Tết, công ty chưa công bố mức thưởng.",
    "Phản ánh công ty cắt giảm thưởng Tết so với năm trước.",
    "Đề nghị công ty chi trả thưởng tháng lương thứ 13 trước Tết.",
  ],
  dismissal: ["Người lao động bị cho thôi việc không báo trước.", "Phản ánh bị sa thải sau khi nghỉ ốm có giấy của bệnh viện."],
  contract: ["Công ty không ký hợp đồng lao động bằng văn bản.", "Hợp đồng hết hạn nhưng công ty không gia hạn, vẫn yêu cầu làm việc."],
  safety: [
    "Xưởng thiếu thiết bị bảo hộ lao động, công nhân lo ngại tai nạn.",
    "Phản ánh máy móc không được kiểm định an toàn.",
    "Công nhân bị thương nhẹ khi làm việc, đề nghị xem xét điều kiện an toàn.",
  ],
  working_conditions: ["Nhà xưởng nóng, thiếu quạt thông gió vào mùa hè.", "Khu vệ sinh xuống cấp, thiếu nước sạch."],
  meals: ["Chất lượng bữa ăn ca kém, suất ăn không đủ định lượng.", "Công nhân đề nghị tăng giá trị bữa ăn giữa ca."],
  discrimination: [
    "Lao động nữ phản ánh bị phân biệt khi xét nâng lương.",
    "Người lao động dân tộc thiểu số phản ánh bị đối xử không công bằng.",
  ],
  harassment: ["Phản ánh tổ trưởng có lời lẽ xúc phạm công nhân.", "Lao động nữ phản ánh bị quấy rối tại nơi làm việc."],
  other: ["Người lao động hỏi về chế độ nghỉ phép năm.", "Đề nghị công ty bố trí xe đưa đón công nhân."],
};

const CONTACT_LEADS = ["Liên hệ", "Số điện thoại người phản ánh:", "SĐT:", "Liên lạc qua", "Gọi lại cho tôi theo số"];

/** A fake Vietnamese mobile number in one of the ways people write them. */
export function fakePhone(rng: Rng): string {
  const p = `0${rng.pick(["9", "8", "3", "7"])}${rng.int(1, 9)}`;
  const a = String(rng.int(0, 999)).padStart(3, "0");
  const b = String(rng.int(0, 999)).padStart(3, "0");
  switch (rng.int(0, 3)) {
    case 0:
      return `${p} ${a} ${b}`;
    case 1:
      return `${p}${a}${b}`;
    case 2:
      return `${p}.${a}.${b}`;
    default:
      return `+84 ${p.slice(1)} ${a} ${b}`;
  }
}

export function fakeEmail(rng: Rng): string {
  const user = `${rng.pick(["nld", "congnhan", "phananh", "hotro", "tho"])}${rng.int(1, 9999)}`;
  return `${user}@${rng.pick(["example.vn", "mail.invalid", "example.invalid"])}`;
}

/** A fake 12-digit citizen ID (CCCD); 011 is the province code Điện Biên's cards carry. */
export function fakeNationalId(rng: Rng): string {
  return `011${rng.int(0, 1)}${String(rng.int(60, 99))}${String(rng.int(0, 999_999)).padStart(6, "0")}`;
}

export function grievanceSummary(rng: Rng, category: GrievanceCategory, month: number, withPii: boolean): string {
  let text = rng
    .pick(TEMPLATES[category])
    .replace("{m}", String(month))
    .replace("{n}", String(rng.int(2, 6)));
  if (withPii) {
    switch (rng.int(0, 2)) {
      case 0:
        text += ` ${rng.pick(CONTACT_LEADS)} ${fakePhone(rng)}.`;
        break;
      case 1:
        text += ` Email: ${fakeEmail(rng)}`;
        break;
      default:
        text += ` CCCD số ${fakeNationalId(rng)}, đề nghị giữ kín danh tính.`;
    }
  }
  return text;
}

/** A provider's own reference to a complainant: a ticket number, a staff number or a phone number. */
export function complainantRef(rng: Rng, year: number): string {
  switch (rng.int(0, 2)) {
    case 0:
      return `HL-${year}-${String(rng.int(1, 999_999)).padStart(6, "0")}`;
    case 1:
      return `NLĐ-${String(rng.int(1, 99_999)).padStart(5, "0")}`;
    default:
      return fakePhone(rng);
  }
}

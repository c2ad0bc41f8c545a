// Vietnamese enterprise names, with diacritics. Invented from common words and local place names;
// any resemblance to a registered enterprise is accidental.
import type { Rng } from "./rng.ts";
import type { Ownership, Sector } from "./params.ts";

const SECTOR_WORDS: Record<Sector, readonly string[]> = {
  garment: ["May", "May mặc", "Dệt may", "May xuất khẩu"],
  footwear: ["Giày da", "Da giày", "Giày xuất khẩu"],
  electronics: ["Điện tử", "Linh kiện điện tử", "Thiết bị điện"],
  wood_processing: ["Chế biến gỗ", "Lâm sản", "Gỗ", "Đồ gỗ"],
  food_processing: ["Chế biến nông sản", "Thực phẩm", "Cà phê", "Chè", "Gạo"],
  construction: ["Xây dựng", "Xây lắp", "Đầu tư và Xây dựng", "Xây dựng và Thương mại", "Tư vấn và Xây dựng"],
  mining: ["Khoáng sản", "Khai thác đá", "Vật liệu và Khoáng sản"],
  hydropower: ["Thủy điện", "Năng lượng"],
  agriculture_forestry: ["Nông lâm nghiệp", "Nông nghiệp", "Trồng rừng", "Cao su", "Dược liệu"],
  transport_logistics: ["Vận tải", "Vận tải và Du lịch", "Vận tải hành khách", "Logistics"],
  retail_trade: ["Thương mại", "Thương mại và Dịch vụ", "Thương mại tổng hợp", "Kinh doanh vật tư"],
  hospitality: ["Khách sạn", "Du lịch", "Du lịch và Khách sạn", "Nhà hàng"],
  services: ["Dịch vụ", "Tư vấn", "Dịch vụ tổng hợp", "Môi trường đô thị", "Bảo vệ"],
  manufacturing_other: ["Sản xuất", "Vật liệu xây dựng", "Gạch", "Bao bì", "Cơ khí"],
  other: ["Tổng hợp", "Đầu tư", "Phát triển"],
};

const CORE = [
  "Hoàng Long",
  "Minh Phát",
  "Thành Công",
  "Tây Bắc",
  "Mường Thanh",
  "Him Lam",
  "Pha Đin",
  "Hồng Hà",
  "An Phú",
  "Đại Phát",
  "Việt Tiến",
  "Sơn Hà",
  "Bình Minh",
  "Phú Cường",
  "Hưng Thịnh",
  "Tân Thành",
  "Hòa Bình",
  "Nam Tiến",
  "Quang Minh",
  "Trường Sơn",
  "Thanh Bình",
  "Phương Bắc",
  "Ngọc Lan",
  "Hải Đăng",
  "Kim Sơn",
  "Đức Anh",
  "Hà Anh",
  "Lộc Phát",
  "Tín Nghĩa",
  "Việt Hưng",
  "Thịnh Vượng",
  "Mường Phăng",
  "Nà Tấu",
  "Pú Nhi",
  "Nậm Rốm",
  "Sông Đà",
  "Ban Mai",
  "Hoa Ban",
  "Trung Dũng",
  "Tuấn Hưng",
  "Hùng Vương",
  "Bảo Ngọc",
  "Gia Khánh",
  "Thái Sơn",
  "Đông Dương",
  "Toàn Thắng",
  "Hưng Phát",
  "Lũng Cú",
  "Tiến Đạt",
  "Phúc Lâm",
  "Vạn Xuân",
  "Đồng Tâm",
  "Thiên Ân",
  "Xuân Trường",
  "Hoàng Gia",
  "Nam Việt",
  "Ánh Dương",
  "Phát Đạt",
  "Hợp Thành",
  "Khánh Linh",
  "Mai Anh",
  "Sao Việt",
  "Thắng Lợi",
  "Bắc Hà",
  "Hoàng Anh",
  "Minh Khôi",
];

const RIVERS = ["Nậm Mức", "Nậm Núa", "Nậm Rốm", "Nậm Pay", "Nậm He", "Nậm Chim", "Sông Mã", "Nậm Khẩu Hu", "Long Tạo", "Nậm Mu"];

const FOREIGN = [
  "Jia Hong",
  "Sunrise Textile",
  "Han Kwang",
  "Dae Sung",
  "Golden Star",
  "Yuan Feng",
  "Kyung Il",
  "Tian He",
  "Asia Pacific",
  "Shin Young",
  "Hua Fong",
  "Evergreen Craft",
  "Nam Yang",
  "Fu Sheng",
  "Lotus Bright",
];

const FAMILY = ["Nguyễn", "Lò", "Quàng", "Lường", "Cà", "Tòng", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Giàng", "Sùng", "Vàng", "Lý"];
const MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "A", "Hồng", "Ngọc"];
const GIVEN = [
  "Anh",
  "Bình",
  "Chiến",
  "Dung",
  "Hà",
  "Hải",
  "Hương",
  "Khánh",
  "Lan",
  "Long",
  "Mai",
  "Nam",
  "Phong",
  "Quân",
  "Sơn",
  "Thảo",
  "Tuấn",
  "Xuân",
  "Chinh",
  "Páo",
];

export function personName(rng: Rng): string {
  return `${rng.pick(FAMILY)} ${rng.pick(MIDDLE)} ${rng.pick(GIVEN)}`;
}

/** A name for an enterprise of this sector and ownership; `branch` names a local branch of an outside company. */
export function enterpriseName(rng: Rng, sector: Sector, ownership: Ownership, branch: boolean, place: string): string {
  const activity = rng.pick(SECTOR_WORDS[sector]);
  const core = sector === "hydropower" && rng.chance(0.6) ? rng.pick(RIVERS) : rng.pick(CORE);
  let name: string;
  switch (ownership) {
    case "fdi":
      name = `Công ty TNHH ${activity} ${rng.pick(FOREIGN)} Việt Nam`;
      break;
    case "state":
      name = rng.chance(0.5) ? `Công ty TNHH MTV ${activity} ${core}` : `Công ty Cổ phần ${activity} ${core} ${place}`;
      break;
    case "cooperative":
      name = `Hợp tác xã ${sector === "transport_logistics" ? "Vận tải" : rng.pick(["Nông nghiệp", "Dịch vụ nông nghiệp", "Chè", "Cà phê", "Dệt thổ cẩm", activity])} ${core}`;
      break;
    case "household":
      name = `Hộ kinh doanh ${personName(rng)}`;
      break;
    default:
      name = rng.chance(0.65) ? `Công ty TNHH ${activity} ${core}` : `Công ty Cổ phần ${activity} ${core}`;
  }
  return branch ? `Chi nhánh ${name} tại ${place}` : name;
}

// The default province: Điện Biên as named in the provincial Party Committee's directive of
// 10 November 2021 (one city, one town, eight districts). Vietnam merged administrative levels in
// 2025, so nothing in the simulator knows these names: they are data, and another province (or the
// post-2025 communes) is another value of the same shape.

export type WageRegion = "I" | "II" | "III" | "IV";

export interface AreaDefinition {
  /** Stable code used as `area_code` in enterprise events. */
  code: string;
  name: string;
  /** Parent area code; absent for the province itself. */
  parent?: string;
  /** Slug for the district union's e-mail address (ldld.<slug>@example.vn). */
  slug?: string;
  /** Name of the upper-level union unit (công đoàn cấp trên trực tiếp cơ sở) of the area. */
  unionName?: string;
  /** Regional minimum-wage zone (Decree 74/2024/NĐ-CP and its 2026 successor keep Điện Biên Phủ city in III, the rest in IV). */
  wageRegion?: WageRegion;
  /** Relative share of the province's enterprises registered in the area. */
  enterpriseWeight?: number;
}

export interface ProvinceDefinition {
  /** Two-digit prefix of locally issued tax codes (mã số thuế). */
  taxCodePrefix: string;
  /** The provincial federation: fallback recipient of every alert. */
  federation: { id: string; name: string; email: string; areaCode: string };
  /** Domain of generated e-mail addresses: example.vn or a .invalid domain, never a real one. */
  emailDomain: string;
  areas: AreaDefinition[];
}

export const DIEN_BIEN: ProvinceDefinition = {
  taxCodePrefix: "56",
  federation: { id: "LDLD-DB", name: "Liên đoàn Lao động tỉnh Điện Biên", email: "ldld.dienbien@example.vn", areaCode: "DB" },
  emailDomain: "example.vn",
  areas: [
    { code: "DB", name: "Tỉnh Điện Biên" },
    // Enterprise weights: the provincial capital holds about half of the registered enterprises; the
    // lowland Điện Biên district and the Tuần Giáo crossroads come next; the border highland
    // districts (Mường Nhé, Nậm Pồ) have few. Rough shares, not statistics.
    {
      code: "DB-DBP",
      name: "Thành phố Điện Biên Phủ",
      parent: "DB",
      slug: "dienbienphu",
      unionName: "Liên đoàn Lao động thành phố Điện Biên Phủ",
      wageRegion: "III",
      enterpriseWeight: 45,
    },
    {
      code: "DB-MLAY",
      name: "Thị xã Mường Lay",
      parent: "DB",
      slug: "muonglay",
      unionName: "Liên đoàn Lao động thị xã Mường Lay",
      wageRegion: "IV",
      enterpriseWeight: 4,
    },
    {
      code: "DB-DBIEN",
      name: "Huyện Điện Biên",
      parent: "DB",
      slug: "huyendienbien",
      unionName: "Liên đoàn Lao động huyện Điện Biên",
      wageRegion: "IV",
      enterpriseWeight: 12,
    },
    {
      code: "DB-DBDONG",
      name: "Huyện Điện Biên Đông",
      parent: "DB",
      slug: "dienbiendong",
      unionName: "Liên đoàn Lao động huyện Điện Biên Đông",
      wageRegion: "IV",
      enterpriseWeight: 5,
    },
    {
      code: "DB-MANG",
      name: "Huyện Mường Ảng",
      parent: "DB",
      slug: "muongang",
      unionName: "Liên đoàn Lao động huyện Mường Ảng",
      wageRegion: "IV",
      enterpriseWeight: 6,
    },
    {
      code: "DB-MCHA",
      name: "Huyện Mường Chà",
      parent: "DB",
      slug: "muongcha",
      unionName: "Liên đoàn Lao động huyện Mường Chà",
      wageRegion: "IV",
      enterpriseWeight: 5,
    },
    {
      code: "DB-MNHE",
      name: "Huyện Mường Nhé",
      parent: "DB",
      slug: "muongnhe",
      unionName: "Liên đoàn Lao động huyện Mường Nhé",
      wageRegion: "IV",
      enterpriseWeight: 4,
    },
    {
      code: "DB-NPO",
      name: "Huyện Nậm Pồ",
      parent: "DB",
      slug: "nampo",
      unionName: "Liên đoàn Lao động huyện Nậm Pồ",
      wageRegion: "IV",
      enterpriseWeight: 4,
    },
    {
      code: "DB-TCHUA",
      name: "Huyện Tủa Chùa",
      parent: "DB",
      slug: "tuachua",
      unionName: "Liên đoàn Lao động huyện Tủa Chùa",
      wageRegion: "IV",
      enterpriseWeight: 5,
    },
    {
      code: "DB-TGIAO",
      name: "Huyện Tuần Giáo",
      parent: "DB",
      slug: "tuangiao",
      unionName: "Liên đoàn Lao động huyện Tuần Giáo",
      wageRegion: "IV",
      enterpriseWeight: 10,
    },
  ],
};

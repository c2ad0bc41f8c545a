// @lrew/reference: the province's reference data (pure). Reading the files: `@lrew/reference/files`.
export {
  AREA_KINDS,
  BEGINNING,
  END_OF_TIME,
  Responsibility,
  UNIT_KINDS,
  responsibilitySchema,
  type AncestorRow,
  type AreaRow,
  type AreaUnitRow,
  type EnterpriseAreaRow,
  type ResponsibilityData,
  type UnitRow,
} from "./responsibility.ts";
export {
  assignCommune,
  buildReorganisation,
  communeUnitId,
  responsibilityOfUnits,
  type CommuneDefinition,
  type CommuneList,
  type CommuneUnionUnit,
  type Reorganisation,
  type Structure2021,
} from "./reorganisation.ts";
export {
  dayAfterWorkingDays,
  holidayCalendar,
  isWorkingDay,
  workingDaysBetween,
  type HolidayCalendar,
  type HolidayFile,
} from "./working-days.ts";

// @lrew/reference: reading the reference data files (see README.md for what this package owns).
export { areasFileBeside, readAreaNames } from "./area-names.ts";
export {
  HOLIDAYS_DIR,
  dayAfterWorkingDays,
  holidayCalendar,
  isWorkingDay,
  readHolidayCalendar,
  workingDaysBetween,
  type HolidayCalendar,
} from "./working-days.ts";

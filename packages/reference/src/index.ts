// @lrew/reference: reading the reference data files (see README.md for what this package owns).
export { areasFileBeside, readAreaNames } from "./area-names.ts";
export { readResponsibleUnits } from "./responsible-units.ts";

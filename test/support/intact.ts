// Field-by-field comparison of what was sent with what ClickHouse holds, for the fault scenarios:
// the same check `./lrew chaos` makes.
export { differencesOfWageArrears } from "@lrew/cli/chaos-verify";

// @lrew/bench: `./lrew bench [suite]`.
export { runBench, SUITES, type BenchOptions, type BenchRun, type SuiteName } from "./run.ts";
export { renderTable, renderMarkdown, formatRatio, formatValue, type BenchReport, type ResultLine, type SuiteNote } from "./report.ts";
export { machineInfo, type MachineInfo } from "./machine.ts";

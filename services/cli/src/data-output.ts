// Commands whose standard output is data (query results, the data dictionary, JSON Schemas) keep
// info logs out of it. Imported first by main.ts: loggers read LOG_LEVEL when their modules load.
const DATA_COMMANDS = new Set(["query", "schema"]);

if (process.env.LOG_LEVEL === undefined && DATA_COMMANDS.has(process.argv[2] ?? "")) process.env.LOG_LEVEL = "warn";

// @lrew/importer: CSV and XLSX files as Vietnamese agencies send them → contract records, sent
// through the same path as the ingest API. See README.md.
export { importFile, type ImportOptions, type ImportProgress, type ImportSummary, type Send, type SendResult } from "./import.ts";
export { DEFAULT_MAPPING, IGNORE, loadMapping, mappingSchema, parseMapping, type Mapping, type MappingInput } from "./mapping.ts";
export {
  createConverter,
  deriveEventId,
  headerIndex,
  rowToRecord,
  type Converter,
  type Row,
  type RowError,
  type RowResult,
} from "./rows.ts";
export { readCsv, detectCsvEncoding, detectDelimiter, type CsvLayout, type RawRow, type ReadOptions } from "./read-csv.ts";
export {
  ENCODINGS,
  ENCODING_LABELS,
  classifyEightBit,
  parseEncoding,
  sniffEncoding,
  type Encoding,
  type LegacyEncoding,
} from "./encoding.ts";
export { readXlsx, type XlsxOptions } from "./read-xlsx.ts";
export { HEADER_ALIASES, IGNORED_FACT_HEADERS, IGNORED_HEADERS, VALUE_SYNONYMS, BOOLEAN_WORDS, normalizeKey } from "./headers.ts";
export { parseBoolean, parseInteger, parseList, parsePeriod, parseTimestamp, excelSerialToDate, type Cell, type Parsed } from "./values.ts";
export { fieldsOf, type FieldKind, type FieldSpec } from "./fields.ts";

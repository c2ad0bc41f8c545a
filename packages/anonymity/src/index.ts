export { hmacRef, hmacShort, isHmacRef, normaliseRef, HMAC_REF_PREFIX } from "./hmac.ts";
export { maskPersonalData, containsPersonalData, MASKS } from "./mask.ts";
export {
  anonymizeCaseAction,
  anonymizeGrievance,
  anonymizeUnknown,
  memoizedMask,
  truncate,
  SUMMARY_MAX_CHARS,
  TOO_DEEP,
  type GrievanceLike,
} from "./anonymize.ts";

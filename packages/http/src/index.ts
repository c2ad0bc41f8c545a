// What lrew's HTTP servers (ingest, the dashboard, the query API) share: constant-time checks of
// presented secrets and the language of answers.
export { bearerToken, digest, safeEqual } from "./secrets.ts";
export { pickLang } from "./lang.ts";
export { openApiPath } from "./openapi.ts";

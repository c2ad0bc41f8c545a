// The OpenAPI 3.1 document of the dashboard's server (port 8080): its pages, the CSV export, login,
// probes and the analysts' query API, served at /openapi.json. A test checks that it names exactly
// the routes the server registers, and validates it with a third-party validator. New routes on this
// server (e.g. cases) add their entry here, or that test names them.
const html = { "text/html": { schema: { type: "string" } } } as const;
const json = (schema: object) => ({ "application/json": { schema } });
const error = json({ type: "object", properties: { error: { type: "string" }, message: { type: "string" }, detail: { type: "string" } } });
const page = (summary: string, extra: object = {}) => ({
  summary,
  security: [{ session: [] }, { bearer: [] }],
  responses: {
    "200": { description: "the page (Vietnamese or English by the lrew_lang cookie or Accept-Language)", content: html },
    "303": { description: "not logged in: to /login" },
    "401": { description: "not logged in (not a browser)" },
  },
  ...extra,
});
const riskFilters = ["area", "sector", "ownership", "union", "level", "q", "sort", "dir", "page", "size"].map((name) => ({
  name,
  in: "query",
  required: false,
  schema: { type: "string" },
}));

export const OPENAPI = {
  openapi: "3.1.0",
  info: {
    title: "lrew — bảng theo dõi và truy vấn phân tích (dashboard and analysts' query API)",
    version: "1",
    description:
      "The web server of lrew (default http://127.0.0.1:8080). Staff log in with an account; every page, count, export and query is scoped in ClickHouse to what the account may see. See docs/access.md.",
  },
  components: {
    securitySchemes: {
      session: { type: "apiKey", in: "cookie", name: "lrew_session", description: "the session of a login (POST /login)" },
      bearer: {
        type: "http",
        scheme: "bearer",
        description: "an older dashboard token (federation-wide), or an analyst token for /v1/query",
      },
      basic: { type: "http", scheme: "basic", description: "an account's name and secret (/v1/query)" },
    },
  },
  paths: {
    "/": { get: page("Tổng quan (overview)") },
    "/risk": { get: page("Danh sách rủi ro (risk list)", { parameters: riskFilters }) },
    "/risk.csv": {
      get: {
        summary: "The risk list as CSV (UTF-8 with BOM), same filters; audited",
        security: [{ session: [] }, { bearer: [] }],
        parameters: riskFilters,
        responses: {
          "200": { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } },
          "401": { description: "not logged in" },
        },
      },
    },
    "/enterprises/{id}": {
      get: page("Doanh nghiệp (one enterprise); audited", {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[0-9A-Za-z-]{1,32}$" } }],
        responses: {
          "200": { description: "the page", content: html },
          "404": { description: "unknown, or outside the account's scope", content: html },
          "303": { description: "not logged in: to /login" },
        },
      }),
    },
    "/enterprises/{id}/actions": {
      post: {
        summary:
          "Record a case action from the enterprise page's form (produced to Kafka, never written to ClickHouse here); only for an enterprise in the account's scope; audited",
        security: [{ session: [] }, { bearer: [] }],
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", pattern: "^[0-9A-Za-z-]{1,32}$" } }],
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": {
              schema: {
                type: "object",
                properties: {
                  action: { type: "string", description: "the vocabulary of lrew.case-actions.v1" },
                  occurred_on: { type: "string", format: "date" },
                  officer: { type: "string" },
                  union_unit_id: { type: "string" },
                  alert_id: { type: "string" },
                  note: { type: "string" },
                },
                required: ["action", "occurred_on", "officer", "union_unit_id"],
              },
            },
          },
        },
        responses: {
          "303": { description: "recorded: back to the enterprise page" },
          "400": { description: "the action is not valid (the contract's errors)", content: error },
          "401": { description: "not logged in" },
          "404": { description: "unknown, or outside the account's scope: nothing recorded", content: html },
          "503": { description: "the server has no Kafka producer; nothing recorded", content: error },
        },
      },
    },
    "/cases/ack": {
      get: {
        summary: "The alert e-mail's acknowledgement link: a confirmation page (opening it records nothing); no login",
        parameters: [{ name: "t", in: "query", required: true, schema: { type: "string", description: "the signed, expiring token" } }],
        responses: {
          "200": { description: "the confirmation page", content: html },
          "400": { description: "the token is not valid", content: html },
          "410": { description: "the token has expired", content: html },
        },
      },
      post: {
        summary:
          "Acknowledge the alert the token names, for its unit (produced to Kafka as an `acknowledged` action); no login; audited with the link's recipient as actor",
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": { schema: { type: "object", properties: { t: { type: "string" } }, required: ["t"] } },
          },
        },
        responses: {
          "200": { description: "acknowledged", content: html },
          "400": { description: "the token is not valid, or the action not (the contract's errors)", content: html },
          "410": { description: "the token has expired", content: html },
          "503": { description: "the server has no Kafka producer; nothing recorded", content: error },
        },
      },
    },
    "/reports": { get: page("Báo cáo (the periodic report's form)") },
    "/reports/download": {
      get: {
        summary: "The periodic labour-relations report of what the account may see, as ./lrew report writes it; audited",
        security: [{ session: [] }, { bearer: [] }],
        parameters: [
          { name: "period", in: "query", required: true, schema: { type: "string", description: "2026-11, 2026-H1, 2026-H2 or 2026" } },
          { name: "format", in: "query", required: false, schema: { type: "string", enum: ["xlsx", "html"] } },
          { name: "lang", in: "query", required: false, schema: { type: "string", enum: ["vi", "en"] } },
        ],
        responses: {
          "200": {
            description: "the workbook or the printable page, as an attachment",
            content: {
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: { type: "string", format: "binary" } },
              "text/html": { schema: { type: "string" } },
            },
          },
          "400": { description: "not a report period: the form again, saying how to write one", content: html },
          "401": { description: "not logged in" },
        },
      },
    },
    "/health": { get: page("Tình trạng hệ thống (pipeline health)") },
    "/audit": {
      get: page("Nhật ký truy cập (audit log), federation accounts only", {
        parameters: ["page", "actor", "action"].map((name) => ({ name, in: "query", required: false, schema: { type: "string" } })),
        responses: { "200": { description: "the page", content: html }, "404": { description: "not a federation account", content: html } },
      }),
    },
    "/login": {
      get: {
        summary: "The login form",
        parameters: ["next", "failed"].map((name) => ({ name, in: "query", required: false, schema: { type: "string" } })),
        responses: { "200": { description: "the form", content: html } },
      },
      post: {
        summary: "Log in with an account's name and secret",
        requestBody: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": {
              schema: {
                type: "object",
                properties: {
                  name: { type: "string" },
                  secret: { type: "string" },
                  next: { type: "string", description: "a path of this site" },
                },
                required: ["name", "secret"],
              },
            },
          },
        },
        responses: {
          "303": { description: "logged in (Set-Cookie lrew_session) to `next`, or back to /login?failed=1" },
          "429": {
            description: "too many failed logins from this address or for this account",
            headers: { "Retry-After": { schema: { type: "integer" } } },
            content: html,
          },
        },
      },
    },
    "/logout": { post: { summary: "End the session", responses: { "303": { description: "to /login" } } } },
    "/lang": {
      get: {
        summary: "Switch the language (cookie lrew_lang) and go back",
        parameters: [
          { name: "to", in: "query", required: false, schema: { type: "string", enum: ["vi", "en"] } },
          {
            name: "next",
            in: "query",
            required: false,
            schema: { type: "string", description: "a path of this site; anything else leads to /" },
          },
        ],
        responses: { "303": { description: "to `next`" } },
      },
    },
    "/static/{file}": {
      get: {
        summary: "Styles and scripts",
        parameters: [{ name: "file", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "the file" }, "404": { description: "unknown file" } },
      },
    },
    "/favicon.ico": { get: { summary: "No icon", responses: { "204": { description: "nothing" } } } },
    "/healthz": { get: { summary: "Liveness", responses: { "200": { description: "alive", content: json({ type: "object" }) } } } },
    "/readyz": {
      get: {
        summary: "Readiness (ClickHouse answers)",
        responses: {
          "200": { description: "ready", content: json({ type: "object" }) },
          "503": { description: "not ready", content: json({ type: "object" }) },
        },
      },
    },
    "/metrics": {
      get: {
        summary: "Prometheus metrics",
        responses: { "200": { description: "text exposition format", content: { "text/plain": { schema: { type: "string" } } } } },
      },
    },
    "/openapi.json": {
      get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1", content: json({ type: "object" }) } } },
    },
    "/v1/query": {
      post: {
        summary: "Analysts' read-only SQL over the curated views, scoped to the account; audited",
        security: [{ bearer: [] }, { basic: [] }],
        requestBody: {
          required: true,
          content: json({
            type: "object",
            additionalProperties: false,
            required: ["sql"],
            properties: {
              sql: { type: "string", maxLength: 100000 },
              params: { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } },
              format: { type: "string", enum: ["json", "csv", "parquet"], default: "json" },
            },
          }),
        },
        responses: {
          "200": {
            description: "the result",
            content: {
              "application/json": { schema: { type: "object" } },
              "text/csv": { schema: { type: "string" } },
              "application/vnd.apache.parquet": { schema: { type: "string", contentEncoding: "binary" } },
            },
          },
          "400": { description: "a query to fix", content: error },
          "401": { description: "no or unknown token or account", content: error },
          "403": { description: "refused (not read-only, outside the analytics views, SETTINGS, table functions)", content: error },
          "429": {
            description: "too many queries at once, or too many failed logins",
            headers: { "Retry-After": { schema: { type: "integer" } } },
            content: error,
          },
        },
      },
    },
  },
} as const;

/** Fastify's `/x/:id` → OpenAPI's `/x/{id}` (defined in @lrew/http, shared with the ingest server's document). */
export { openApiPath } from "@lrew/http";

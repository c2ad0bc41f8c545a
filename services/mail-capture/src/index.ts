export { startMailCapture, summaryOf, isLoopback, ENVELOPE_TO_HEADER, type MailCapture, type MailCaptureOptions } from "./capture.ts";
export {
  escapeHtml,
  renderIndexPage,
  renderMessagePage,
  newestFirst,
  messageFileName,
  type CapturedMessage,
  type CapturedSummary,
} from "./pages.ts";

import type { MessageKey } from "@/i18n";
import { isApiError, NETWORK_ERROR_CODE } from "./api";

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The message to show a person for an error from the API client. */
export function errorMessage(e: unknown, t: T): string {
  if (isApiError(e)) {
    if (e.status === 0 || e.code === NETWORK_ERROR_CODE) return t("common.networkError");
    if (e.status === 429) {
      if (e.message && !/^HTTP \d+$/.test(e.message) && e.message !== "Too Many Requests") return e.message;
      return e.retryAfter ? t("auth.throttledSeconds", { seconds: e.retryAfter }) : t("auth.throttled");
    }
    // No {"error": …} envelope: a proxy's or static server's page, whose text means nothing here.
    if (/^http_\d+$/.test(e.code)) return t("common.serverError");
    if (e.message) return e.message;
    return t("common.unknownError");
  }
  return t("common.unknownError");
}

/** The API's field name for an error, when it names one. */
export function errorField(e: unknown): string | undefined {
  return isApiError(e) ? e.field : undefined;
}

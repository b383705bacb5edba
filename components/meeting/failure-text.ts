import type { MessageKey, Translate } from "@/lib/i18n";
import type { ApiFailure } from "@/lib/meetings/meeting-api";

/**
 * What to tell the person when a request failed: our own words for the error codes people meet
 * (in their language; the server writes English), else the server's message, else ours.
 */
export function failureText(t: Translate, failure: ApiFailure): string {
  if (failure.code && failure.code.includes(":")) {
    const key = `shell.apiErrors.${failure.code}` as MessageKey;
    const known = t(key);
    if (known !== key) return known;
  }
  if (failure.message) return failure.message;
  if (failure.code === "network") return t("meeting.networkError");
  return t("common.error");
}

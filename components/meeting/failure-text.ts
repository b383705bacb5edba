import type { Translate } from "@/lib/i18n";
import type { ApiFailure } from "@/lib/meetings/meeting-api";

/** The server's own message when it sent one (it is written to be shown), else ours. */
export function failureText(t: Translate, failure: ApiFailure): string {
  if (failure.message) return failure.message;
  if (failure.code === "network") return t("meeting.networkError");
  return t("common.error");
}

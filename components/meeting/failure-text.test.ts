import { describe, expect, it } from "vitest";
import { getTranslator } from "@/lib/i18n";
import { failureText } from "./failure-text";

const t = getTranslator();

describe("failureText", () => {
  it("shows the server's own message", () => {
    expect(failureText(t, { ok: false, status: 403, code: "forbidden:locked", message: "This meeting is locked." })).toBe("This meeting is locked.");
  });

  it("explains a missing connection, and falls back to the generic error", () => {
    expect(failureText(t, { ok: false, status: 0, code: "network", message: null })).toBe(t("meeting.networkError"));
    expect(failureText(t, { ok: false, status: 502, code: null, message: null })).toBe(t("common.error"));
  });
});

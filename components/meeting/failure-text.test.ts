import { describe, expect, it } from "vitest";
import { getTranslator } from "@/lib/i18n";
import { failureText } from "./failure-text";

const t = getTranslator("en");
const zh = getTranslator("zh-CN");

describe("failureText", () => {
  it("says what a known error code means, in the reader's language", () => {
    const locked = { ok: false, status: 403, code: "forbidden:locked", message: "This meeting is locked. Ask the host to unlock it." } as const;
    expect(failureText(t, locked)).toBe("This meeting is locked. Ask the host to unlock it.");
    expect(failureText(zh, locked)).toBe("本次会议已锁定，请联系主持人解锁。");
  });

  it("shows the server's own message for other codes", () => {
    expect(failureText(t, { ok: false, status: 400, code: "bad_request:something_new", message: "Something specific." })).toBe("Something specific.");
  });

  it("explains a missing connection, and falls back to the generic error", () => {
    expect(failureText(t, { ok: false, status: 0, code: "network", message: null })).toBe(t("meeting.networkError"));
    expect(failureText(zh, { ok: false, status: 0, code: "network", message: null })).toBe(zh("meeting.networkError"));
    expect(failureText(t, { ok: false, status: 502, code: null, message: null })).toBe(t("common.error"));
  });
});

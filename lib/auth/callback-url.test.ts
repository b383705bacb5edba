import { describe, expect, it } from "vitest";
import { DEFAULT_CALLBACK_URL, safeCallbackUrl } from "./callback-url";

const APP = "https://meet.example.com";
const safe = (raw: unknown) => safeCallbackUrl(raw, APP);

describe("safeCallbackUrl", () => {
  it("keeps paths on our origin, with their query and fragment", () => {
    expect(safe("/dashboard")).toBe("/dashboard");
    expect(safe("/m/abc-defg-hij")).toBe("/m/abc-defg-hij");
    expect(safe("/recordings?meeting=abc-defg-hij#latest")).toBe("/recordings?meeting=abc-defg-hij#latest");
    expect(safe("/m/abc-defg-hij/transcript")).toBe("/m/abc-defg-hij/transcript");
  });

  it("keeps absolute URLs on our origin as path, query and fragment", () => {
    expect(safe("https://meet.example.com/recordings?meeting=x#y")).toBe("/recordings?meeting=x#y");
    expect(safe("HTTPS://MEET.EXAMPLE.COM/dashboard")).toBe("/dashboard");
    expect(safe("https://meet.example.com:443/dashboard")).toBe("/dashboard");
  });

  it("refuses other origins, including look-alikes of ours", () => {
    for (const raw of [
      "https://evil.example/",
      "http://meet.example.com/dashboard", // another scheme is another origin
      "https://meet.example.com:8443/dashboard",
      "https://meet.example.com.evil.example/",
      "https://meet.example.com@evil.example/",
      "//evil.example",
      "//evil.example/dashboard",
      "///evil.example",
    ]) {
      expect(safe(raw), raw).toBe(DEFAULT_CALLBACK_URL);
    }
  });

  it("refuses backslashes, which browsers read as slashes", () => {
    for (const raw of ["/\\evil.example", "\\\\evil.example", "\\/evil.example", "/\\/evil.example", "https:\\\\evil.example"]) {
      expect(safe(raw), raw).toBe(DEFAULT_CALLBACK_URL);
    }
  });

  it("refuses tabs, newlines and control characters that browsers drop or trim", () => {
    for (const raw of ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "\t//evil.example", " //evil.example", "\u0000//evil.example", "\u001f//evil.example", "/\t\\evil.example"]) {
      expect(safe(raw), JSON.stringify(raw)).toBe(DEFAULT_CALLBACK_URL);
    }
  });

  it("refuses paths that normalise to a protocol-relative URL", () => {
    for (const raw of ["/..//evil.example", "/.//evil.example", "/a/..//evil.example", "/%2e%2e//evil.example"]) {
      expect(safe(raw), raw).toBe(DEFAULT_CALLBACK_URL);
    }
  });

  it("keeps encoded slashes and backslashes encoded, so they stay inside the path", () => {
    expect(safe("/%5Cevil.example")).toBe("/%5Cevil.example");
    expect(safe("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safe("/%09/evil.example")).toBe("/%09/evil.example");
  });

  it("refuses script and data URLs", () => {
    for (const raw of ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"]) {
      expect(safe(raw), raw).toBe(DEFAULT_CALLBACK_URL);
    }
  });

  it("falls back for missing or non-string values", () => {
    for (const raw of [undefined, null, "", 42, ["/dashboard"], {}]) {
      expect(safe(raw)).toBe(DEFAULT_CALLBACK_URL);
    }
  });

  it("without APP_URL keeps only paths", () => {
    expect(safeCallbackUrl("/m/abc-defg-hij?x=1", undefined)).toBe("/m/abc-defg-hij?x=1");
    expect(safeCallbackUrl("https://meet.example.com/dashboard", undefined)).toBe(DEFAULT_CALLBACK_URL);
    expect(safeCallbackUrl("/\\evil.example", undefined)).toBe(DEFAULT_CALLBACK_URL);
    expect(safeCallbackUrl("/\t/evil.example", undefined)).toBe(DEFAULT_CALLBACK_URL);
  });

  it("never returns something a browser would resolve to another origin", () => {
    const tricky = ["/\\evil.example", "/\t/evil.example", "//evil.example", "/..//evil.example", "https://evil.example", "/ok", "/%5C%5Cevil.example", "?q=1", "#frag"];
    for (const raw of tricky) {
      const out = safe(raw);
      expect(new URL(out, APP).origin, raw).toBe(APP);
      expect(out.startsWith("/") && !out.startsWith("//") && !out.startsWith("/\\"), raw).toBe(true);
    }
  });
});

import { describe, expect, it } from "vitest";
import { embedOriginListSchema, embedOriginSchema } from "./embed-origins";

describe("embedOriginSchema", () => {
  it.each([
    ["https://example.com", "https://example.com"],
    ["https://example.com/", "https://example.com"],
    ["http://localhost:3102", "http://localhost:3102"],
    ["HTTPS://Example.COM", "https://example.com"],
    ["https://example.com:443", "https://example.com"],
  ])("accepts %s as %s", (input, origin) => {
    expect(embedOriginSchema.parse(input)).toBe(origin);
  });

  it.each(["*", "null", "example.com", "https://example.com/path", "https://example.com?x=1", "javascript:alert(1)", "ftp://example.com", "https://user@example.com", "https://*.example.com", ""])(
    "refuses %j",
    (input) => {
      expect(embedOriginSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe("embedOriginListSchema", () => {
  it("splits on commas and spaces", () => {
    expect(embedOriginListSchema.parse("https://a.example, https://b.example  http://localhost:3000")).toEqual([
      "https://a.example",
      "https://b.example",
      "http://localhost:3000",
    ]);
  });

  it("refuses the whole list when one origin is bad", () => {
    expect(embedOriginListSchema.safeParse("https://a.example,*").success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { AppError, errorResponse } from "./errors";

describe("AppError too_many_requests", () => {
  it("answers 429 with Retry-After in seconds and the usual JSON error body", async () => {
    const response = errorResponse(
      new AppError("too_many_requests:token", "Too many requests. Try again in 42 seconds.", undefined, { retryAfterSeconds: 42 }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({
      error: { code: "too_many_requests:token", message: "Too many requests. Try again in 42 seconds." },
    });
  });

  it("has a readable default message, and other errors carry no Retry-After", async () => {
    const limited = new AppError("too_many_requests:chat");
    expect(limited.status).toBe(429);
    expect(limited.publicMessage).toMatch(/too many requests/i);
    expect(new AppError("forbidden:x").toResponse().headers.has("retry-after")).toBe(false);
  });

  it("keeps headers passed to toResponse", () => {
    const response = new AppError("too_many_requests:x", undefined, undefined, { retryAfterSeconds: 5 }).toResponse({
      headers: { "cache-control": "no-store" },
    });
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("retry-after")).toBe("5");
  });
});

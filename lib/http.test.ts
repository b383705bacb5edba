import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";
import { findUnstorableText, readBodyUpTo, readJson, refuseOtherMethods } from "./http";

const schema = z.object({ title: z.string().min(1) });
const post = (body: string, type = "application/json") =>
  new Request("http://x/api", { method: "POST", body, headers: { "content-type": type } });

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected an AppError");
}

describe("readJson", () => {
  it("parses a valid body", async () => {
    await expect(readJson(post('{"title":"Standup"}'), schema)).resolves.toEqual({ title: "Standup" });
  });

  it("answers 400 with a readable message for malformed JSON", async () => {
    const err = await errorOf(readJson(post("{nope"), schema));
    expect(err.status).toBe(400);
    expect(err.toJSON().error.message).toMatch(/not valid JSON/);
  });

  it("names the field that has the wrong type", async () => {
    const err = await errorOf(readJson(post('{"title":42}'), schema));
    expect(err.status).toBe(400);
    expect(Object.keys(err.toJSON().error.fields ?? {})).toEqual(["title"]);
  });

  it("refuses non-JSON content types with 415", async () => {
    expect((await errorOf(readJson(post("title=x", "application/x-www-form-urlencoded"), schema))).status).toBe(415);
  });

  it("refuses bodies over 64 KiB with 413", async () => {
    expect((await errorOf(readJson(post(JSON.stringify({ title: "x".repeat(70_000) })), schema))).status).toBe(413);
  });
});

describe("readJson refuses text PostgreSQL cannot store", () => {
  it("answers 400 naming the field for NUL characters and unpaired surrogates, in values and keys", async () => {
    for (const body of ['{"title":"a\\u0000b"}', '{"title":"\\ud800"}', '{"title":"x\\udc00"}', '{"title":"ok","settings":{"a\\u0000":1}}']) {
      const err = await errorOf(readJson(post(body), schema));
      expect(err.status, body).toBe(400);
      expect(err.code).toBe("bad_request:text");
      expect(err.toJSON().error.message).toMatch(/NUL/);
    }
  });

  it("keeps emoji, right-to-left marks and zero-width characters", async () => {
    const title = "👩‍👩‍👧‍👦 \u202eשלום\u200b";
    await expect(readJson(post(JSON.stringify({ title })), schema)).resolves.toEqual({ title });
  });

  it("finds the path of the offending value, even thousands of levels deep", () => {
    expect(findUnstorableText({ a: [{ b: "fine" }, { c: "bad\u0000" }] })).toBe("a.1.c");
    expect(findUnstorableText("\ud83d")).toBe("");
    expect(findUnstorableText({ ok: "\ud83d\ude00" })).toBeNull();
    const deep = JSON.parse("[".repeat(20_000) + '"\\u0000"' + "]".repeat(20_000));
    expect(findUnstorableText(deep)).toBe(Array(20_000).fill("0").join("."));
  });
});

describe("refuseOtherMethods", () => {
  it("answers JSON 405 with Allow for methods the route lacks, and OPTIONS lists the allowed ones", async () => {
    const { PUT, DELETE, OPTIONS } = refuseOtherMethods("GET", "POST");
    for (const handler of [PUT, DELETE]) {
      const response = handler();
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
      expect(response.headers.get("content-type")).toContain("application/json");
      expect((await response.json()).error).toEqual({ code: "method_not_allowed:route", message: "This address accepts GET, POST only." });
    }
    const options = OPTIONS();
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
  });
});

describe("readBodyUpTo", () => {
  const tooLarge = () => new AppError("payload_too_large:body");
  /** A body that sends `bytes` in 1 KiB chunks, then stays open forever (never closes). */
  const neverEnding = (bytes: number) => {
    let sent = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= bytes) return new Promise<void>(() => undefined); // a client that keeps the request open
        const size = Math.min(1024, bytes - sent);
        controller.enqueue(new Uint8Array(size));
        sent += size;
      },
      cancel() {
        cancelled = true;
      },
    }, { highWaterMark: 0 }); // nothing is pulled until someone reads
    return { stream, sent: () => sent, cancelled: () => cancelled };
  };
  const put = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://x/upload", { method: "PUT", body, headers, duplex: "half" } as RequestInit);

  it("returns a body within the limit", async () => {
    expect(Buffer.from(await readBodyUpTo(put("hello"), 5, tooLarge)).toString()).toBe("hello");
    expect((await readBodyUpTo(new Request("http://x/"), 5, tooLarge)).byteLength).toBe(0);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const body = neverEnding(10);
    const err = await errorOf(readBodyUpTo(put(body.stream, { "content-length": "11" }), 10, tooLarge));
    expect(err.status).toBe(413);
    expect(body.sent()).toBe(0);
  });

  it("stops reading a chunked body as soon as it passes the limit, though the sender never finishes", async () => {
    const body = neverEnding(64 * 1024);
    const err = await errorOf(readBodyUpTo(put(body.stream), 10 * 1024, tooLarge));
    expect(err.status).toBe(413);
    // One chunk past the limit, not the rest of what the sender had.
    expect(body.sent()).toBeLessThanOrEqual(11 * 1024 + 1024);
    await vi.waitFor(() => expect(body.cancelled()).toBe(true));
  });

  it("limits readJson the same way", async () => {
    const body = neverEnding(100 * 1024);
    const request = new Request("http://x/api", { method: "POST", body: body.stream, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
    expect((await errorOf(readJson(request, schema))).status).toBe(413);
  });
});

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";
import { readJson } from "./http";

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

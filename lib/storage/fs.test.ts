import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { storageConformance, type Transport } from "../../tests/helpers/storage-conformance";
import type { ObjectStorage } from "./types";

/**
 * The filesystem driver with its signed-URL routes (/api/storage/part and /api/storage/object),
 * called as Next.js calls them.
 */
const root = mkdtempSync(path.join(tmpdir(), "parley-storage-"));
let storage: ObjectStorage | undefined;
let routes: { part: typeof import("@/app/api/storage/part/route"); object: typeof import("@/app/api/storage/object/route") };
const noContext = { params: Promise.resolve({}) };

beforeAll(async () => {
  vi.stubEnv("AUTH_SECRET", "storage-unit-test-secret-0123456789abcdef");
  vi.stubEnv("LIVEKIT_URL", "ws://127.0.0.1:1");
  vi.stubEnv("LIVEKIT_API_KEY", "unused");
  vi.stubEnv("LIVEKIT_API_SECRET", "unused-unused-unused-unused-unused-unused");
  vi.stubEnv("DATA_DIR", root);
  vi.stubEnv("S3_BUCKET", "");
  storage = await (await import("./index")).getStorage();
  routes = { part: await import("@/app/api/storage/part/route"), object: await import("@/app/api/storage/object/route") };
});

afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

const absolute = (url: string) => new URL(url, "http://localhost:3000");

const transport: Transport = {
  async putPart(url, bytes) {
    const response = await routes.part.PUT(new Request(absolute(url), { method: "PUT", body: Buffer.from(bytes) as unknown as BodyInit }), noContext);
    expect(response.status).toBe(200);
    return response.headers.get("etag")!;
  },
  async download(url, range) {
    const response = await routes.object.GET(new Request(absolute(url), { headers: range ? { range } : {} }), noContext);
    return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()), headers: Object.fromEntries(response.headers) };
  },
};

describe("filesystem storage", () => {
  storageConformance(() => storage, transport);

  it("keeps its files under DATA_DIR/objects", async () => {
    expect(storage!.driver).toBe("fs");
    await storage!.put("where/am-i.txt", Buffer.from("here"));
    const { existsSync } = await import("node:fs");
    expect(existsSync(path.join(root, "objects", "where", "am-i.txt"))).toBe(true);
  });

  it("refuses forged, altered and expired links with a JSON 403", async () => {
    const url = absolute(await storage!.presignDownload("where/am-i.txt", { expiresInSeconds: 60 }));
    const token = url.searchParams.get("token")!;
    const [payload, signature] = token.split(".");
    const altered = `${Buffer.from(Buffer.from(payload, "base64url").toString().replace("am-i", "xx-x")).toString("base64url")}.${signature}`;
    for (const bad of ["", "nonsense", altered, `${payload}.${"A".repeat(signature.length)}`]) {
      const response = await routes.object.GET(new Request(absolute(`/api/storage/object?token=${bad}`)), noContext);
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden:storage_token");
    }
    const expired = absolute(await storage!.presignDownload("where/am-i.txt", { expiresInSeconds: -1 }));
    expect((await routes.object.GET(new Request(expired), noContext)).status).toBe(403);
    // A download link cannot be used to upload, nor an upload link to download.
    const asPart = absolute(`/api/storage/part?token=${token}`);
    expect((await routes.part.PUT(new Request(asPart, { method: "PUT", body: "x" }), noContext)).status).toBe(403);
  });

  it("answers 416 for a range past the end", async () => {
    const url = absolute(await storage!.presignDownload("where/am-i.txt", { expiresInSeconds: 60 }));
    const response = await routes.object.GET(new Request(url, { headers: { range: "bytes=100-" } }), noContext);
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe("bytes */4");
  });
});

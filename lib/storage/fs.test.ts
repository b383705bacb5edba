import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { storageConformance, type Transport } from "../../tests/helpers/storage-conformance";
import { MAX_FS_PART_BYTES, type ObjectStorage } from "./types";

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

  describe("a part bigger than the limit, sent without Content-Length (chunked)", () => {
    const partUrl = async () => {
      const { uploadId } = await storage!.createMultipartUpload("big/part.webm");
      return storage!.presignUploadPart("big/part.webm", uploadId, 1, { expiresInSeconds: 60 });
    };

    it("is refused with a JSON 413", async () => {
      const chunk = new Uint8Array(1024 * 1024);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > MAX_FS_PART_BYTES) return controller.close();
          controller.enqueue(chunk);
          sent += chunk.byteLength;
        },
      });
      const request = new Request(absolute(await partUrl()), { method: "PUT", body, duplex: "half" } as RequestInit);
      expect(request.headers.get("content-length")).toBeNull();
      const response = await routes.part.PUT(request, noContext);
      expect(response.status).toBe(413);
      expect((await response.json()).error.code).toBe("payload_too_large:part");
    });

    it("is answered while the uploader is still sending, over real HTTP", { timeout: 60_000 }, async () => {
      // The route served as Next.js serves it: the Node request's body streams into a web Request.
      const server = http.createServer(async (req, res) => {
        const request = new Request(absolute(req.url!), {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
          duplex: "half",
        } as RequestInit);
        const response = await routes.part.PUT(request, noContext);
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      const upload = http.request({ host: "127.0.0.1", port, method: "PUT", path: await partUrl(), headers: { "transfer-encoding": "chunked" } });
      try {
        const answered = new Promise<{ status: number; body: string; uploadFinished: boolean }>((resolve, reject) => {
          upload.on("error", reject);
          upload.on("response", (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (text: string) => (body += text));
            res.on("end", () => resolve({ status: res.statusCode!, body, uploadFinished: upload.writableFinished }));
          });
        });
        // Exactly one byte over the limit, then the request stays open: it is never end()ed.
        const chunk = Buffer.alloc(1024 * 1024);
        for (let written = 0; written < MAX_FS_PART_BYTES; written += chunk.byteLength) {
          if (!upload.write(chunk)) await new Promise((resolve) => upload.once("drain", resolve));
        }
        upload.write(Buffer.alloc(1));
        const { status, body, uploadFinished } = await answered;
        expect(status).toBe(413);
        expect(JSON.parse(body).error.code).toBe("payload_too_large:part");
        expect(uploadFinished).toBe(false);
      } finally {
        upload.destroy();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});

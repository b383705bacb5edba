import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { MIN_PART_SIZE, type ObjectStorage } from "../../lib/storage/types";

/**
 * The behaviour every storage driver must share, run against the filesystem driver (unit) and
 * against MinIO through the S3 driver (integration). `transport` does what a browser does with a
 * presigned URL: PUT a part (returning its ETag) and GET a download (optionally a range).
 */
export type Transport = {
  putPart: (url: string, bytes: Uint8Array) => Promise<string>;
  download: (url: string, range?: string) => Promise<{ status: number; bytes: Uint8Array; headers: Record<string, string> }>;
};

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");
async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function storageConformance(storageOf: () => ObjectStorage | undefined, transport: Transport) {
  const getStorage = () => {
    const storage = storageOf();
    if (!storage) throw new Error("storage not set up");
    return storage;
  };
  const prefix = `t${randomBytes(4).toString("hex")}`;

  it("puts, heads, gets and deletes an object", async () => {
    const storage = getStorage();
    const key = `${prefix}/hello.txt`;
    const put = await storage.put(key, Buffer.from("hello, world"), { contentType: "text/plain" });
    expect(put).toMatchObject({ key, size: 12, contentType: "text/plain" });
    expect(put.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await storage.head(key)).toMatchObject({ size: 12, etag: put.etag });
    const got = await storage.get(key);
    expect(text(await readAll(got!.body))).toBe("hello, world");
    await storage.delete(key);
    expect(await storage.head(key)).toBeNull();
    expect(await storage.get(key)).toBeNull();
    await storage.delete(key); // deleting what is gone is fine
  });

  it("serves byte ranges and refuses one past the end", async () => {
    const storage = getStorage();
    const key = `${prefix}/digits.bin`;
    await storage.put(key, Buffer.from("0123456789"));
    const middle = await storage.get(key, { range: { start: 2, end: 5 } });
    expect(middle!.range).toEqual({ start: 2, end: 5, size: 10 });
    expect(text(await readAll(middle!.body))).toBe("2345");
    const tail = await storage.get(key, { range: { start: 7 } });
    expect(text(await readAll(tail!.body))).toBe("789");
    await expect(storage.get(key, { range: { start: 10 } })).rejects.toThrow(/past the end/);
  });

  it("lists by prefix, in key order", async () => {
    const storage = getStorage();
    await Promise.all(["b.txt", "a.txt", "sub/c.txt"].map((name) => storage.put(`${prefix}/list/${name}`, Buffer.from(name))));
    await storage.put(`${prefix}/listing-not/x.txt`, Buffer.from("x"));
    expect((await storage.list(`${prefix}/list/`)).map((o) => o.key)).toEqual([`${prefix}/list/a.txt`, `${prefix}/list/b.txt`, `${prefix}/list/sub/c.txt`]);
  });

  it("refuses keys that could escape or mean different things", async () => {
    const storage = getStorage();
    await expect(storage.put("../escape", Buffer.from("x"))).rejects.toThrow(/valid object key/);
    await expect(storage.get("/etc/passwd")).rejects.toThrow(/valid object key/);
  });

  it("uploads in parts through presigned URLs, resumes from listParts, and completes", async () => {
    const storage = getStorage();
    const key = `${prefix}/recording.webm`;
    const part1 = randomBytes(MIN_PART_SIZE);
    const part2 = randomBytes(1234);
    const { uploadId } = await storage.createMultipartUpload(key, { contentType: "video/webm" });
    const etag1 = await transport.putPart(await storage.presignUploadPart(key, uploadId, 1, { expiresInSeconds: 300 }), part1);
    // "The tab crashed": a fresh start asks what is there and carries on from part 2.
    const stored = await storage.listParts(key, uploadId);
    expect(stored).toEqual([{ partNumber: 1, etag: etag1, size: part1.length }]);
    const etag2 = await transport.putPart(await storage.presignUploadPart(key, uploadId, 2, { expiresInSeconds: 300 }), part2);
    const done = await storage.completeMultipartUpload(key, uploadId, [
      { partNumber: 2, etag: etag2 },
      { partNumber: 1, etag: etag1 },
    ]);
    expect(done).toMatchObject({ key, size: part1.length + part2.length, contentType: "video/webm" });
    expect(done.etag).toMatch(/-2"$/);
    expect(Buffer.compare(await readAll((await storage.get(key))!.body), Buffer.concat([part1, part2]))).toBe(0);
    await expect(storage.listParts(key, uploadId)).rejects.toThrow();
  });

  it("refuses to complete with a part that is missing or too small, and aborts", async () => {
    const storage = getStorage();
    const key = `${prefix}/broken.webm`;
    const { uploadId } = await storage.createMultipartUpload(key);
    const small = await transport.putPart(await storage.presignUploadPart(key, uploadId, 1, { expiresInSeconds: 300 }), randomBytes(100));
    const last = await transport.putPart(await storage.presignUploadPart(key, uploadId, 2, { expiresInSeconds: 300 }), randomBytes(100));
    await expect(
      storage.completeMultipartUpload(key, uploadId, [
        { partNumber: 1, etag: small },
        { partNumber: 2, etag: last },
      ]),
    ).rejects.toThrow();
    await expect(storage.completeMultipartUpload(key, uploadId, [{ partNumber: 3, etag: '"0"' }])).rejects.toThrow();
    await storage.abortMultipartUpload(key, uploadId);
    await expect(storage.listParts(key, uploadId)).rejects.toThrow();
    expect(await storage.head(key)).toBeNull();
  });

  it("hands out download URLs that serve ranges and name the file", async () => {
    const storage = getStorage();
    const key = `${prefix}/movie.mp4`;
    await storage.put(key, Buffer.from("abcdefghij"), { contentType: "video/mp4" });
    const url = await storage.presignDownload(key, { expiresInSeconds: 60, filename: "Weekly sync.mp4" });
    const whole = await transport.download(url);
    expect(whole.status).toBe(200);
    expect(text(whole.bytes)).toBe("abcdefghij");
    expect(whole.headers["content-disposition"]).toContain("Weekly%20sync.mp4");
    const part = await transport.download(url, "bytes=3-5");
    expect(part.status).toBe(206);
    expect(text(part.bytes)).toBe("def");
    expect(part.headers["content-range"]).toBe("bytes 3-5/10");
  });
}

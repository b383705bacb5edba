import { describe, expect, inject, it } from "vitest";
import { createS3Storage } from "../../lib/storage/s3";
import type { ObjectStorage } from "../../lib/storage/types";
import { storageConformance, type Transport } from "../helpers/storage-conformance";

/** The S3 driver against a real MinIO (started by global-setup), browsers' side through fetch. */
const minio = inject("minio");
const bucket = `parley-${Date.now().toString(36)}`;
const s3 = createS3Storage({
  bucket,
  region: "us-east-1",
  endpoint: minio.endpoint,
  forcePathStyle: true,
  accessKeyId: minio.accessKeyId,
  secretAccessKey: minio.secretAccessKey,
});
let ready: ObjectStorage | undefined;

const transport: Transport = {
  async putPart(url, bytes) {
    const response = await fetch(url, { method: "PUT", body: Buffer.from(bytes) as unknown as BodyInit });
    expect(response.status, await response.clone().text()).toBe(200);
    return response.headers.get("etag")!;
  },
  async download(url, range) {
    const response = await fetch(url, { headers: range ? { range } : {} });
    return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()), headers: Object.fromEntries(response.headers) };
  },
};

describe("S3 storage on MinIO", () => {
  it("creates its bucket when missing, and again is a no-op", async () => {
    await s3.ensureBucket();
    await s3.ensureBucket();
    ready = s3;
  });

  storageConformance(() => ready, transport);

  it("signs URLs for the public endpoint when one is set", async () => {
    const publicS3 = createS3Storage({
      bucket,
      region: "us-east-1",
      endpoint: minio.endpoint,
      publicEndpoint: "https://files.example.org",
      forcePathStyle: true,
      accessKeyId: minio.accessKeyId,
      secretAccessKey: minio.secretAccessKey,
    });
    const url = new URL(await publicS3.presignDownload("any/key.mp4", { expiresInSeconds: 60 }));
    expect(url.origin).toBe("https://files.example.org");
    expect(url.pathname).toBe(`/${bucket}/any/key.mp4`);
    expect(url.searchParams.get("X-Amz-Expires")).toBe("60");
  });

  it("refuses an expired presigned URL", async () => {
    await s3.put("expiry/x.txt", Buffer.from("x"));
    const url = await s3.presignDownload("expiry/x.txt", { expiresInSeconds: 1 });
    await new Promise((r) => setTimeout(r, 2100));
    expect((await fetch(url)).status).toBe(403);
  });
});

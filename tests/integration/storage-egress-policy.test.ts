import { readFileSync } from "node:fs";
import path from "node:path";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { assumeRoleWithPolicy } from "../helpers/minio-sts";

/**
 * The write-only policy README gives for EGRESS_S3_* keys, enforced by a real MinIO: a session
 * limited by it (STS AssumeRole with the policy inline, which MinIO intersects with the parent's
 * rights) may put objects and do multipart uploads under recordings/, and nothing else.
 * The policy is read from README.md itself, so the documented text is the tested one.
 */
const minio = inject("minio");
const bucket = `parley-egress-${Date.now().toString(36)}`;
const client = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new S3Client({ endpoint: minio.endpoint, region: "us-east-1", forcePathStyle: true, credentials });
const root = client(minio);
let egress: S3Client;

function documentedPolicy(): unknown {
  const readme = readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### A write-only key for Egress"));
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!json) throw new Error("README has no policy under 'A write-only key for Egress'");
  return JSON.parse(json.replaceAll("parley-recordings", bucket));
}

/** The S3 error name of a refused call, or "allowed". */
async function outcome(send: () => Promise<unknown>): Promise<string> {
  try {
    await send();
    return "allowed";
  } catch (error) {
    return (error as { name?: string }).name ?? String(error);
  }
}

beforeAll(async () => {
  await root.send(new CreateBucketCommand({ Bucket: bucket }));
  await root.send(new PutObjectCommand({ Bucket: bucket, Key: "recordings/abc-defg-hij/earlier.mp4", Body: "an earlier recording" }));
  await root.send(new PutObjectCommand({ Bucket: bucket, Key: "elsewhere/secret.txt", Body: "not for egress" }));
  egress = client(await assumeRoleWithPolicy({ ...minio, policy: documentedPolicy() }));
});

describe("the documented Egress policy on MinIO", () => {
  it("lets Egress put a recording under recordings/", async () => {
    await egress.send(new PutObjectCommand({ Bucket: bucket, Key: "recordings/abc-defg-hij/small.mp4", Body: "mp4 bytes" }));
    const head = await root.send(new HeadObjectCommand({ Bucket: bucket, Key: "recordings/abc-defg-hij/small.mp4" }));
    expect(head.ContentLength).toBe("mp4 bytes".length);
  });

  it("lets Egress upload a large recording in parts, and abort an upload", async () => {
    const Key = "recordings/abc-defg-hij/large.mp4";
    const { UploadId } = await egress.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key, ContentType: "video/mp4" }));
    const sizes = [5 * 1024 * 1024, 1000];
    const parts = [];
    for (const [index, size] of sizes.entries()) {
      const { ETag } = await egress.send(new UploadPartCommand({ Bucket: bucket, Key, UploadId, PartNumber: index + 1, Body: Buffer.alloc(size, index) }));
      parts.push({ ETag, PartNumber: index + 1 });
    }
    await egress.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));
    expect((await root.send(new HeadObjectCommand({ Bucket: bucket, Key }))).ContentLength).toBe(sizes[0] + sizes[1]);

    const failed = await egress.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "recordings/abc-defg-hij/failed.mp4" }));
    await egress.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: "recordings/abc-defg-hij/failed.mp4", UploadId: failed.UploadId }));
  });

  it("refuses reading, listing and deleting recordings, and writing anywhere else", async () => {
    const earlier = "recordings/abc-defg-hij/earlier.mp4";
    expect(await outcome(() => egress.send(new GetObjectCommand({ Bucket: bucket, Key: earlier })))).toBe("AccessDenied");
    expect(await outcome(() => egress.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "recordings/" })))).toBe("AccessDenied");
    expect(await outcome(() => egress.send(new DeleteObjectCommand({ Bucket: bucket, Key: earlier })))).toBe("AccessDenied");
    expect(await outcome(() => egress.send(new GetObjectCommand({ Bucket: bucket, Key: "elsewhere/secret.txt" })))).toBe("AccessDenied");
    for (const Key of ["elsewhere/planted.txt", "planted.mp4", "recordingsX/planted.mp4"]) {
      expect(await outcome(() => egress.send(new PutObjectCommand({ Bucket: bucket, Key, Body: "x" }))), Key).toBe("AccessDenied");
      expect(await outcome(() => egress.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key }))), Key).toBe("AccessDenied");
    }
    // Still there, unread and undeleted.
    expect((await root.send(new HeadObjectCommand({ Bucket: bucket, Key: earlier }))).ContentLength).toBe("an earlier recording".length);
  });

  it("is really limited: the same calls with the root keys succeed", async () => {
    expect(await outcome(() => root.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "recordings/" })))).toBe("allowed");
  });
});

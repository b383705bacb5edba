import "server-only";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { checkKey, checkPartNumber, checkPrefix } from "./keys";
import { resolveRange } from "./range";
import { StorageError, type ObjectInfo, type ObjectStorage, type UploadedPart } from "./types";

export type S3Config = {
  bucket: string;
  region: string;
  /** For S3-compatible servers (MinIO); AWS when absent. */
  endpoint?: string;
  /** The endpoint browsers reach, when it differs from the one the server uses (presigned URLs). */
  publicEndpoint?: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
};

const isMissing = (error: unknown) =>
  error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === "NotFound" || error.name === "NoSuchKey");

/** Objects in an S3 bucket (AWS, MinIO, or any S3-compatible server). */
export function createS3Storage(config: S3Config): ObjectStorage & { ensureBucket: () => Promise<void> } {
  const clientFor = (endpoint: string | undefined) =>
    new S3Client({
      region: config.region,
      endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    });
  const client = clientFor(config.endpoint);
  // Signing is local; a second client only so that signed URLs name the host browsers can reach.
  const signer = config.publicEndpoint ? clientFor(config.publicEndpoint) : client;
  const Bucket = config.bucket;

  async function head(key: string): Promise<ObjectInfo | null> {
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket, Key: checkKey(key) }));
      return { key, size: out.ContentLength ?? 0, lastModified: out.LastModified ?? new Date(0), contentType: out.ContentType ?? "application/octet-stream", etag: out.ETag ?? "" };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  return {
    driver: "s3",

    /** Creates the bucket when it does not exist yet (a fresh MinIO); a no-op otherwise. */
    async ensureBucket() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
      } catch (error) {
        if (!isMissing(error)) throw error;
        await client.send(new CreateBucketCommand({ Bucket }));
      }
    },

    async put(key, body, options) {
      await client.send(new PutObjectCommand({ Bucket, Key: checkKey(key), Body: body, ContentType: options?.contentType ?? "application/octet-stream" }));
      return (await head(key))!;
    },

    head,

    async get(key, options) {
      let range: { start: number; end: number; size: number } | undefined;
      if (options?.range) {
        // S3 clamps and refuses ranges itself, but needs the size for our answer; one HEAD first.
        const found = await head(key);
        if (!found) return null;
        range = { ...resolveRange(options.range, found.size), size: found.size };
      }
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: checkKey(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
        const info: ObjectInfo = {
          key,
          size: range ? range.size : (out.ContentLength ?? 0),
          lastModified: out.LastModified ?? new Date(0),
          contentType: out.ContentType ?? "application/octet-stream",
          etag: out.ETag ?? "",
        };
        return { info, body: out.Body!.transformToWebStream() as ReadableStream<Uint8Array>, range };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkKey(key) }));
    },

    async list(prefix) {
      checkPrefix(prefix);
      const found: ObjectInfo[] = [];
      let ContinuationToken: string | undefined;
      do {
        const out = await client.send(new ListObjectsV2Command({ Bucket, Prefix: prefix || undefined, ContinuationToken }));
        for (const o of out.Contents ?? []) {
          // Listing gives no content type; HEAD each (lists here are short: one meeting's recordings).
          const info = await head(o.Key!);
          if (info) found.push(info);
        }
        ContinuationToken = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (ContinuationToken);
      return found;
    },

    async presignDownload(key, { expiresInSeconds, filename }) {
      const disposition = filename ? `attachment; filename*=UTF-8''${encodeURIComponent(filename)}` : undefined;
      return getSignedUrl(signer, new GetObjectCommand({ Bucket, Key: checkKey(key), ResponseContentDisposition: disposition }), { expiresIn: expiresInSeconds });
    },

    async createMultipartUpload(key, options) {
      const out = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: checkKey(key), ContentType: options?.contentType ?? "application/octet-stream" }));
      return { uploadId: out.UploadId! };
    },

    async presignUploadPart(key, uploadId, partNumber, { expiresInSeconds }) {
      const command = new UploadPartCommand({ Bucket, Key: checkKey(key), UploadId: uploadId, PartNumber: checkPartNumber(partNumber) });
      return getSignedUrl(signer, command, { expiresIn: expiresInSeconds });
    },

    async listParts(key, uploadId) {
      const parts: UploadedPart[] = [];
      let PartNumberMarker: string | undefined;
      try {
        do {
          const out = await client.send(new ListPartsCommand({ Bucket, Key: checkKey(key), UploadId: uploadId, PartNumberMarker }));
          for (const p of out.Parts ?? []) parts.push({ partNumber: p.PartNumber!, etag: p.ETag!, size: p.Size ?? 0 });
          PartNumberMarker = out.IsTruncated ? out.NextPartNumberMarker : undefined;
        } while (PartNumberMarker);
      } catch (error) {
        if (error instanceof S3ServiceException && error.name === "NoSuchUpload") throw new StorageError("upload", "No such upload");
        throw error;
      }
      return parts;
    },

    async completeMultipartUpload(key, uploadId, parts) {
      try {
        await client.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: checkKey(key),
            UploadId: uploadId,
            MultipartUpload: { Parts: [...parts].sort((a, b) => a.partNumber - b.partNumber).map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
          }),
        );
      } catch (error) {
        if (error instanceof S3ServiceException && ["InvalidPart", "InvalidPartOrder", "EntityTooSmall"].includes(error.name)) throw new StorageError("part", error.message);
        if (error instanceof S3ServiceException && error.name === "NoSuchUpload") throw new StorageError("upload", "No such upload");
        throw error;
      }
      return (await head(key))!;
    },

    async abortMultipartUpload(key, uploadId) {
      try {
        await client.send(new AbortMultipartUploadCommand({ Bucket, Key: checkKey(key), UploadId: uploadId }));
      } catch (error) {
        if (error instanceof S3ServiceException && error.name === "NoSuchUpload") throw new StorageError("upload", "No such upload");
        throw error;
      }
    },
  };
}

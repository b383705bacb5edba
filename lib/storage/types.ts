import "server-only";

/**
 * One interface for object storage (recordings, posters, later summaries' attachments), with a
 * filesystem driver under DATA_DIR (the embedded default) and an S3 driver (AWS, MinIO, …).
 * Keys are paths like "recordings/<meeting>/<id>.webm" (lib/storage/keys.ts checks them).
 */
export type ObjectInfo = { key: string; size: number; lastModified: Date; contentType: string; etag: string };

/** Inclusive byte range, as in HTTP `Range: bytes=start-end`; `end` omitted = to the end. */
export type ByteRange = { start: number; end?: number };

export type ObjectBody = {
  info: ObjectInfo;
  /** The bytes asked for (the whole object, or the range). */
  body: ReadableStream<Uint8Array>;
  /** Set when a range was asked for: what was actually sent, inclusive, and the object's size. */
  range?: { start: number; end: number; size: number };
};

export type UploadedPart = { partNumber: number; etag: string; size: number };

export type PresignOptions = { expiresInSeconds: number };

export interface ObjectStorage {
  readonly driver: "fs" | "s3";
  put(key: string, body: Uint8Array, options?: { contentType?: string }): Promise<ObjectInfo>;
  head(key: string): Promise<ObjectInfo | null>;
  /** Null when there is no such object. A range past the end throws StorageError("range"). */
  get(key: string, options?: { range?: ByteRange }): Promise<ObjectBody | null>;
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<ObjectInfo[]>;
  /** A URL a browser can GET (with Range) until it expires, offered as a download named `filename`. */
  presignDownload(key: string, options: PresignOptions & { filename?: string }): Promise<string>;

  /** Multipart upload: parts of ≥ 5 MiB (except the last) uploaded straight from the browser. */
  createMultipartUpload(key: string, options?: { contentType?: string }): Promise<{ uploadId: string }>;
  /** A URL the browser PUTs one part to; the response's ETag header names the part. */
  presignUploadPart(key: string, uploadId: string, partNumber: number, options: PresignOptions): Promise<string>;
  /** The parts stored so far: how an interrupted upload knows where to resume. */
  listParts(key: string, uploadId: string): Promise<UploadedPart[]>;
  completeMultipartUpload(key: string, uploadId: string, parts: Array<{ partNumber: number; etag: string }>): Promise<ObjectInfo>;
  abortMultipartUpload(key: string, uploadId: string): Promise<void>;
}

export type StorageErrorReason = "key" | "range" | "upload" | "part";

export class StorageError extends Error {
  constructor(
    readonly reason: StorageErrorReason,
    message: string,
  ) {
    super(message);
    this.name = "StorageError";
  }
}

/** S3's limits, kept by both drivers so code that works on one works on the other. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const MAX_PARTS = 10_000;
/**
 * The most /api/storage/part (the filesystem driver's signed part upload) takes in one part. Parts
 * are 5 MiB and up (S3's minimum); recordings upload them in chunks well below this.
 */
export const MAX_FS_PART_BYTES = 64 * 1024 * 1024;

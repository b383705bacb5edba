import "server-only";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { createFsStorage, type FsStorage } from "./fs";
import { createS3Storage } from "./s3";
import type { ObjectStorage } from "./types";

export type { ObjectStorage, ObjectInfo, ByteRange, UploadedPart } from "./types";
export { StorageError } from "./types";

// One driver per process, kept across dev hot reloads.
const globalForStorage = globalThis as unknown as { parleyStorage?: Promise<ObjectStorage> };

/** S3 when S3_BUCKET is set (the bucket is created if missing), else files under DATA_DIR/objects. */
export function getStorage(): Promise<ObjectStorage> {
  globalForStorage.parleyStorage ??= (async () => {
    const env = getEnv();
    if (!env.s3) return createFsStorage(path.resolve(env.DATA_DIR, "objects"));
    const s3 = createS3Storage(env.s3);
    await s3.ensureBucket();
    return s3;
  })().catch((error: unknown) => {
    globalForStorage.parleyStorage = undefined; // try again on the next request
    throw error;
  });
  return globalForStorage.parleyStorage;
}

/** The filesystem driver, for the routes that stand in for S3's presigned URLs; null under S3. */
export async function getFsStorage(): Promise<FsStorage | null> {
  const storage = await getStorage();
  return storage.driver === "fs" ? (storage as FsStorage) : null;
}

import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, readdir, rm, stat, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { checkKey, checkPartNumber, checkPrefix } from "./keys";
import { resolveRange } from "./range";
import { signGrant } from "./signed-url";
import { MIN_PART_SIZE, StorageError, type ObjectInfo, type ObjectStorage, type UploadedPart } from "./types";

type Meta = { contentType: string; etag: string };
const UPLOAD_ID = /^[0-9a-f-]{36}$/;
const md5 = (bytes: Uint8Array) => createHash("md5").update(bytes).digest("hex");

/**
 * Objects as files under `root` (DATA_DIR/objects): the embedded default. Metadata sits in
 * `.meta/`, multipart uploads in `.uploads/<id>/` (keys can never start with "." so they cannot
 * collide). Writes go to a temporary file first and are renamed into place, so a reader never sees
 * half an object. "Presigned" URLs point at this app's /api/storage routes with a signed grant.
 */
export function createFsStorage(root: string) {
  const file = (key: string) => path.join(root, checkKey(key));
  const metaFile = (key: string) => path.join(root, ".meta", `${checkKey(key)}.json`);
  const uploadDir = (uploadId: string) => {
    if (!UPLOAD_ID.test(uploadId)) throw new StorageError("upload", "No such upload");
    return path.join(root, ".uploads", uploadId);
  };

  async function writeAtomically(target: string, bytes: Uint8Array | string) {
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  }

  async function info(key: string): Promise<ObjectInfo | null> {
    try {
      const [stats, meta] = await Promise.all([stat(file(key)), readFile(metaFile(key), "utf8")]);
      const { contentType, etag } = JSON.parse(meta) as Meta;
      return { key, size: stats.size, lastModified: stats.mtime, contentType, etag };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async function store(key: string, bytes: Uint8Array, meta: Meta): Promise<ObjectInfo> {
    await writeAtomically(file(key), bytes);
    await writeAtomically(metaFile(key), JSON.stringify(meta));
    return (await info(key))!;
  }

  async function readUpload(key: string, uploadId: string): Promise<{ contentType: string }> {
    try {
      const meta = JSON.parse(await readFile(path.join(uploadDir(uploadId), "upload.json"), "utf8")) as { key: string; contentType: string };
      if (meta.key !== key) throw new StorageError("upload", "No such upload");
      return meta;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new StorageError("upload", "No such upload");
      throw error;
    }
  }

  const storage: ObjectStorage & { writePart: typeof writePart } = {
    driver: "fs",
    put: (key, body, options) => store(key, body, { contentType: options?.contentType ?? "application/octet-stream", etag: `"${md5(body)}"` }),
    head: info,

    async get(key, options) {
      const found = await info(key);
      if (!found) return null;
      if (!options?.range) return { info: found, body: Readable.toWeb(createReadStream(file(key))) as ReadableStream<Uint8Array> };
      const { start, end } = resolveRange(options.range, found.size);
      const body = Readable.toWeb(createReadStream(file(key), { start, end })) as ReadableStream<Uint8Array>;
      return { info: found, body, range: { start, end, size: found.size } };
    },

    async delete(key) {
      await rm(file(key), { force: true });
      await rm(metaFile(key), { force: true });
    },

    async list(prefix) {
      checkPrefix(prefix);
      const found: ObjectInfo[] = [];
      const walk = async (dir: string, relative: string) => {
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
          throw error;
        }
        for (const entry of entries) {
          if (entry.name.startsWith(".") || entry.name.endsWith(".tmp")) continue;
          const key = relative ? `${relative}/${entry.name}` : entry.name;
          if (entry.isDirectory()) await walk(path.join(dir, entry.name), key);
          else if (key.startsWith(prefix)) {
            const object = await info(key);
            if (object) found.push(object);
          }
        }
      };
      await walk(root, "");
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },

    async presignDownload(key, { expiresInSeconds, filename }) {
      checkKey(key);
      const token = signGrant({ op: "get", key, filename, exp: Math.floor(Date.now() / 1000) + expiresInSeconds });
      return `/api/storage/object?token=${token}`;
    },

    async createMultipartUpload(key, options) {
      checkKey(key);
      const uploadId = randomUUID();
      await writeAtomically(path.join(uploadDir(uploadId), "upload.json"), JSON.stringify({ key, contentType: options?.contentType ?? "application/octet-stream" }));
      return { uploadId };
    },

    async presignUploadPart(key, uploadId, partNumber, { expiresInSeconds }) {
      await readUpload(key, uploadId);
      checkPartNumber(partNumber);
      const token = signGrant({ op: "put-part", key, uploadId, partNumber, exp: Math.floor(Date.now() / 1000) + expiresInSeconds });
      return `/api/storage/part?token=${token}`;
    },

    async listParts(key, uploadId) {
      await readUpload(key, uploadId);
      const names = await readdir(uploadDir(uploadId));
      const parts: UploadedPart[] = [];
      for (const name of names.filter((n) => /^\d+$/.test(n))) {
        const bytes = await readFile(path.join(uploadDir(uploadId), name));
        parts.push({ partNumber: Number(name), etag: `"${md5(bytes)}"`, size: bytes.length });
      }
      return parts.sort((a, b) => a.partNumber - b.partNumber);
    },

    async completeMultipartUpload(key, uploadId, parts) {
      const { contentType } = await readUpload(key, uploadId);
      const chunks: Buffer[] = [];
      const digests: Buffer[] = [];
      const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
      if (ordered.length === 0) throw new StorageError("part", "An upload needs at least one part");
      for (const [index, part] of ordered.entries()) {
        const bytes = await readFile(path.join(uploadDir(uploadId), String(checkPartNumber(part.partNumber)))).catch(() => null);
        const digest = bytes && createHash("md5").update(bytes).digest();
        if (!bytes || `"${digest!.toString("hex")}"` !== part.etag) throw new StorageError("part", `Part ${part.partNumber} is missing or differs from its ETag`);
        if (index < ordered.length - 1 && bytes.length < MIN_PART_SIZE) throw new StorageError("part", `Part ${part.partNumber} is smaller than 5 MiB`);
        chunks.push(bytes);
        digests.push(digest!);
      }
      // S3's multipart ETag: md5 of the parts' md5s, then "-<count>".
      const etag = `"${md5(Buffer.concat(digests))}-${ordered.length}"`;
      const result = await store(key, Buffer.concat(chunks), { contentType, etag });
      await rm(uploadDir(uploadId), { recursive: true, force: true });
      return result;
    },

    async abortMultipartUpload(key, uploadId) {
      await readUpload(key, uploadId);
      await rm(uploadDir(uploadId), { recursive: true, force: true });
    },

    writePart,
  };

  /** Stores one part (the /api/storage/part route, after checking its grant); returns its ETag. */
  async function writePart(key: string, uploadId: string, partNumber: number, bytes: Uint8Array): Promise<string> {
    await readUpload(key, uploadId);
    await writeAtomically(path.join(uploadDir(uploadId), String(checkPartNumber(partNumber))), bytes);
    return `"${md5(bytes)}"`;
  }

  return storage;
}

export type FsStorage = ReturnType<typeof createFsStorage>;

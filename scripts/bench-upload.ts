/**
 * `npm run bench:upload`: how fast a recording's parts reach object storage through the S3 driver's
 * presigned multipart part URLs, printed as JSON. Real MinIO, real Debian Chromium.
 *
 * 64 MiB go up as 8 MiB parts in three ways, each repeated: from Node with fetch one part at a time
 * (as the recorder does) and four at a time, and from a Chromium page with XMLHttpRequest one at a
 * time (exactly how lib/recordings/uploader.ts sends them). The page's ETags complete the upload,
 * which proves the browser can read them across origins; the stored size must equal what was sent.
 *
 * Runs with the react-server condition (see package.json) so lib/storage's `import "server-only"`
 * resolves to the package's empty module, as it does inside the app's server.
 */
import os from "node:os";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { createS3Storage } from "../lib/storage/s3";
import { startMinio } from "./lib/minio";
import { installShutdownHandlers, onShutdown, shutdownAndExit } from "./lib/process";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/helpers/chromium";

const MINIO_PORT = 59100;
const PAGE_PORT = 3312;
const MIB = 1024 * 1024;
const PART_BYTES = 8 * MIB;
const TOTAL_BYTES = 64 * MIB;
const PART_COUNT = TOTAL_BYTES / PART_BYTES;
const LINK_SECONDS = 15 * 60;

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const RUNS = Number(args.runs);

type Storage = ReturnType<typeof createS3Storage>;
/** One timed upload: the PUTs only (creating and completing the upload are not counted). */
type Run = { ms: number; mbPerSecond: number; mibPerSecond: number };
type Sender = (urls: string[]) => Promise<{ ms: number; etags: Array<string | null> }>;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Puts each part with fetch, `concurrency` at a time, in part order. */
function nodeSender(parts: Array<Uint8Array<ArrayBuffer>>, concurrency: number): Sender {
  return async (urls) => {
    const etags: Array<string | null> = new Array(urls.length).fill(null);
    let next = 0;
    const worker = async () => {
      while (next < urls.length) {
        const index = next++;
        const response = await fetch(urls[index], { method: "PUT", body: parts[index] });
        if (!response.ok) throw new Error(`part ${index + 1}: MinIO answered ${response.status} ${await response.text()}`);
        etags[index] = response.headers.get("etag");
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { ms: performance.now() - started, etags };
  };
}

/**
 * The page's uploader, plain JavaScript served by the page server (functions written inside
 * page.evaluate would be rewritten by tsx and break in the page): PUTs the parts one after another
 * with XMLHttpRequest, as lib/recordings/uploader.ts does, timed by the page's own clock.
 */
const PAGE_SCRIPT = `
async function putParts(urls, partBytes) {
  // The same bytes for every part: storage does not deduplicate, so this changes nothing measured.
  const bytes = new Uint8Array(partBytes);
  for (let offset = 0; offset < bytes.length; offset += 65536) crypto.getRandomValues(bytes.subarray(offset, offset + 65536));
  const body = new Blob([bytes]);
  function put(url) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("PUT", url);
      xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve(xhr.getResponseHeader("ETag")) : reject(new Error("MinIO answered " + xhr.status + ": " + xhr.responseText)));
      xhr.onerror = () => reject(new Error("network error (refused by CORS?)"));
      xhr.send(body);
    });
  }
  const etags = [];
  const started = performance.now();
  for (const url of urls) etags.push(await put(url));
  return { ms: performance.now() - started, etags };
}`;

function chromiumSender(page: Page): Sender {
  return (urls) =>
    page.evaluate(
      ({ urls, partBytes }) => (window as unknown as { putParts: (u: string[], b: number) => Promise<{ ms: number; etags: Array<string | null> }> }).putParts(urls, partBytes),
      { urls, partBytes: PART_BYTES },
    );
}

/** One multipart upload through the driver: presign every part, send, complete, check the size, delete. */
async function uploadOnce(storage: Storage, key: string, send: Sender): Promise<Run & { etags: Array<string | null> }> {
  const { uploadId } = await storage.createMultipartUpload(key, { contentType: "application/octet-stream" });
  try {
    const urls = await Promise.all(
      Array.from({ length: PART_COUNT }, (_, i) => storage.presignUploadPart(key, uploadId, i + 1, { expiresInSeconds: LINK_SECONDS })),
    );
    const { ms, etags } = await send(urls);
    const missing = etags.findIndex((etag) => !etag);
    if (missing !== -1) throw new Error(`${key}: no ETag readable for part ${missing + 1}`);
    const stored = await storage.completeMultipartUpload(key, uploadId, etags.map((etag, i) => ({ partNumber: i + 1, etag: etag! })));
    if (stored.size !== TOTAL_BYTES) throw new Error(`${key}: stored ${stored.size} bytes, sent ${TOTAL_BYTES}`);
    await storage.delete(key);
    const seconds = ms / 1000;
    return { ms: Math.round(ms), mbPerSecond: round(TOTAL_BYTES / 1e6 / seconds), mibPerSecond: round(TOTAL_BYTES / MIB / seconds), etags };
  } catch (error) {
    await storage.abortMultipartUpload(key, uploadId).catch(() => undefined);
    throw error;
  }
}

async function runCase(storage: Storage, name: string, send: Sender) {
  const runs: Run[] = [];
  let sampleEtag: string | null = null;
  for (let run = 1; run <= RUNS; run++) {
    const { etags, ...result } = await uploadOnce(storage, `bench/${name}-${run}.bin`, send);
    sampleEtag ??= etags[0];
    runs.push(result);
    process.stderr.write(`${name} run ${run}: ${result.ms} ms, ${result.mbPerSecond} MB/s\n`);
  }
  return {
    name,
    medianMs: Math.round(median(runs.map((r) => r.ms))),
    medianMBps: round(median(runs.map((r) => r.mbPerSecond))),
    medianMiBps: round(median(runs.map((r) => r.mibPerSecond))),
    runs,
    sampleEtag,
  };
}

/** A blank page on its own origin, so the browser's PUTs to MinIO are cross-origin as in the app. */
async function startPageServer(): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><title>upload bench</title><script>${PAGE_SCRIPT}</script>`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(PAGE_PORT, "127.0.0.1", resolve);
  });
  onShutdown("page server", () => new Promise<void>((resolve) => server.close(() => resolve())));
  return server;
}

async function main() {
  installShutdownHandlers();
  const minio = await startMinio({ port: MINIO_PORT, dir: "minio-bench" });
  const storage = createS3Storage({
    bucket: "parley-bench-upload",
    region: "us-east-1",
    endpoint: minio.endpoint,
    forcePathStyle: true,
    accessKeyId: minio.accessKeyId,
    secretAccessKey: minio.secretAccessKey,
  });
  await storage.ensureBucket();
  await startPageServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  onShutdown("chromium", () => browser.close());
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${PAGE_PORT}/`);

  // Copied out of the Buffer pool into an ArrayBuffer of their own, which is what fetch takes.
  const parts = Array.from({ length: PART_COUNT }, () => new Uint8Array(randomBytes(PART_BYTES)));
  const cases = [
    { ...(await runCase(storage, "node-fetch-sequential", nodeSender(parts, 1))), client: "node fetch", concurrency: 1 },
    { ...(await runCase(storage, "node-fetch-parallel-4", nodeSender(parts, 4))), client: "node fetch", concurrency: 4 },
    { ...(await runCase(storage, "chromium-xhr-sequential", chromiumSender(page))), client: "chromium XMLHttpRequest", concurrency: 1 },
  ];
  const browserCase = cases[2];
  console.log(
    JSON.stringify(
      {
        benchmark: "recording-upload-throughput",
        storage: "MinIO through lib/storage/s3.ts: presigned UploadPart URLs, CompleteMultipartUpload",
        totalBytes: TOTAL_BYTES,
        partBytes: PART_BYTES,
        partCount: PART_COUNT,
        runsPerCase: RUNS,
        timed: "the part PUTs only (presigning, creating and completing the upload are not counted)",
        // Reaching this line means every run completed with the page's own ETags and the stored size matched.
        browserCanReadEtag: browserCase.sampleEtag !== null,
        storedSizeVerified: true,
        cases,
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model.trim(),
          memoryGiB: round(os.totalmem() / 1024 ** 3),
          os: `${os.type()} ${os.release()}`,
          node: process.version,
          chromium: browser.version(),
        },
      },
      null,
      2,
    ),
  );
}

main().then(
  () => shutdownAndExit(0),
  async (err) => {
    console.error(`[bench:upload] failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    await shutdownAndExit(1);
  },
);

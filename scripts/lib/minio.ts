import { randomBytes } from "node:crypto";
import path from "node:path";
import { ensureGoTool, type GoTool } from "./go-install";
import { dataDir, ensureDir, logsDir } from "./paths";
import { spawnManaged, waitForHttp, type ExitInfo } from "./process";

/**
 * MinIO, the S3-compatible server the S3 driver is tested against. Built from the Go module proxy
 * (MinIO publishes no semver tags, so the pin is a pseudo-version of its main branch). It runs as
 * a separate test-only process; MinIO is AGPL-3.0 and is neither linked into nor shipped with Parley.
 */
const MINIO_TOOL: GoTool = {
  name: "minio",
  pkg: "github.com/minio/minio",
  version: "v0.0.0-20260212201848-7aac2a2c5b7c",
  minGoMinor: 26,
  alternative: "put a minio binary on PATH (any recent release serves the S3 API the tests use).",
};

export type MinioServer = {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  logFile: string;
  exited: Promise<ExitInfo>;
  stop(): Promise<void>;
};

export function ensureMinioBinary(): Promise<string> {
  return ensureGoTool(MINIO_TOOL);
}

/** Starts MinIO on 127.0.0.1:`port` (console on port+1) with fresh credentials and data under .data/. */
export async function startMinio({ port, dir, readyTimeoutMs = 60_000 }: { port: number; dir: string; readyTimeoutMs?: number }): Promise<MinioServer> {
  const binary = await ensureMinioBinary();
  const dataPath = ensureDir(path.join(dataDir, dir));
  const logFile = path.join(logsDir, `minio-${port}.log`);
  const accessKeyId = `parley${randomBytes(6).toString("hex")}`;
  const secretAccessKey = randomBytes(24).toString("hex");
  const server = spawnManaged({
    name: "minio",
    command: binary,
    args: ["server", dataPath, "--address", `127.0.0.1:${port}`, "--console-address", `127.0.0.1:${port + 1}`, "--quiet"],
    env: { ...process.env, MINIO_ROOT_USER: accessKeyId, MINIO_ROOT_PASSWORD: secretAccessKey, MINIO_BROWSER: "off", MINIO_UPDATE: "off" },
    logFile,
    exitSignal: "SIGTERM",
  });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${endpoint}/minio/health/live`, { timeoutMs: readyTimeoutMs, process: server, logFile });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { endpoint, accessKeyId, secretAccessKey, logFile, exited: server.exited, stop: server.stop };
}

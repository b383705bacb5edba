import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { ensureLivekitBinary, loadOrCreateLivekitKeys, startLivekit } from "../../scripts/lib/livekit";
import { startMinio } from "../../scripts/lib/minio";
import { startNeonProxy } from "../../scripts/lib/neon-proxy";
import { startPostgres } from "../../scripts/lib/postgres";
import { startRedis } from "../../scripts/lib/redis";
import { startUpstashRestProxy } from "../../scripts/lib/upstash-rest-proxy";
import { TEST_PORTS } from "../helpers/ports";

/**
 * Real services for integration tests: Debian PostgreSQL, a Neon WebSocket proxy, livekit-server,
 * Debian Redis and an Upstash-compatible REST endpoint in front of it, and MinIO for the S3 driver.
 */
export default async function setup(project: TestProject) {
  await ensureLivekitBinary();
  const postgres = await startPostgres({ port: TEST_PORTS.postgres, dir: "pg-integration" });
  const neonProxy = await startNeonProxy({ port: TEST_PORTS.neonProxy, pgPort: TEST_PORTS.postgres });
  const livekit = await startLivekit({
    port: TEST_PORTS.livekit,
    keys: loadOrCreateLivekitKeys(),
    // The webhook test listens here and hands each delivery to the real route handler.
    webhookUrl: `http://127.0.0.1:${TEST_PORTS.webhookSink}/api/livekit/webhook`,
  });
  const redis = await startRedis({ port: TEST_PORTS.redis });
  const upstash = await startUpstashRestProxy({
    port: TEST_PORTS.upstashProxy,
    token: `integration-${randomBytes(16).toString("hex")}`,
    redisUrl: redis.url,
  });
  const minio = await startMinio({ port: TEST_PORTS.minio, dir: "minio-integration" });
  project.provide("postgresAdminUrl", postgres.adminUrl);
  project.provide("neonProxy", `127.0.0.1:${neonProxy.port}`);
  project.provide("livekit", { url: livekit.url, httpUrl: livekit.httpUrl, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret });
  project.provide("redisUrl", redis.url);
  project.provide("upstash", { url: upstash.url, token: upstash.token });
  project.provide("minio", { endpoint: minio.endpoint, accessKeyId: minio.accessKeyId, secretAccessKey: minio.secretAccessKey });

  return async () => {
    await minio.stop();
    await upstash.stop();
    await redis.stop();
    await livekit.stop();
    await neonProxy.stop();
    await postgres.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    neonProxy: string;
    livekit: { url: string; httpUrl: string; apiKey: string; apiSecret: string };
    redisUrl: string;
    upstash: { url: string; token: string };
    minio: { endpoint: string; accessKeyId: string; secretAccessKey: string };
  }
}

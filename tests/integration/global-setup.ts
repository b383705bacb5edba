import type { TestProject } from "vitest/node";
import { ensureLivekitBinary, loadOrCreateLivekitKeys, startLivekit } from "../../scripts/lib/livekit";
import { startNeonProxy } from "../../scripts/lib/neon-proxy";
import { startPostgres } from "../../scripts/lib/postgres";
import { TEST_PORTS } from "../helpers/ports";

/** Real services for integration tests: Debian PostgreSQL, a Neon WebSocket proxy, livekit-server. */
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
  project.provide("postgresAdminUrl", postgres.adminUrl);
  project.provide("neonProxy", `127.0.0.1:${neonProxy.port}`);
  project.provide("livekit", { url: livekit.url, httpUrl: livekit.httpUrl, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret });

  return async () => {
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
  }
}

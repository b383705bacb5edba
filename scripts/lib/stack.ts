import { buildAppIfNeeded, startApp, type EnvVars } from "./app";
import { loadOrCreateLivekitKeys, startLivekit } from "./livekit";
import { dataDir } from "./paths";
import { startPostgres } from "./postgres";

export type Stack = { appUrl: string; databaseUrl: string };

/**
 * PostgreSQL + livekit-server (webhooks → the app) + the built app, on loopback,
 * for end-to-end tests and benchmarks. Everything stops with shutdown().
 */
export async function startStack({ name, appPort, livekitPort, postgresPort }: { name: string; appPort: number; livekitPort: number; postgresPort: number }): Promise<Stack> {
  const postgres = await startPostgres({ port: postgresPort, dir: `pg-${name}` });
  const databaseUrl = await postgres.createDatabase(`${name}_${Date.now()}`);
  const livekit = await startLivekit({
    port: livekitPort,
    keys: loadOrCreateLivekitKeys(),
    webhookUrl: `http://127.0.0.1:${appPort}/api/livekit/webhook`,
  });
  const appUrl = `http://localhost:${appPort}`;
  const env: EnvVars = {
    APP_URL: appUrl,
    DATA_DIR: `${dataDir}/${name}`,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: `${name}-auth-secret-that-is-long-enough-0123456789`,
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: livekit.apiKey,
    LIVEKIT_API_SECRET: livekit.apiSecret,
  };
  await buildAppIfNeeded({ env });
  await startApp({ port: appPort, host: "127.0.0.1", env, logFile: `${dataDir}/logs/${name}-app.log` });
  return { appUrl, databaseUrl };
}

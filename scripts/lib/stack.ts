import { buildAppIfNeeded, startApp, type EnvVars } from "./app";
import { loadOrCreateLivekitKeys, startLivekit } from "./livekit";
import { startMinio } from "./minio";
import { dataDir } from "./paths";
import { startPostgres } from "./postgres";

/** What participants of the end-to-end app are told captions are made on. */
export const E2E_TRANSCRIPTION_SERVER_NAME = "the test speech server";

export type Stack = { appUrl: string; databaseUrl: string; s3?: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string } };

/**
 * PostgreSQL + livekit-server (webhooks → the app) + the built app, on loopback,
 * for end-to-end tests and benchmarks. Everything stops with shutdown().
 */
export async function startStack({
  name,
  appPort,
  livekitPort,
  postgresPort,
  minioPort,
  transcriptionPort,
}: {
  name: string;
  appPort: number;
  livekitPort: number;
  postgresPort: number;
  /** Store recordings in a MinIO started on this port (S3 driver) instead of the filesystem. */
  minioPort?: number;
  /**
   * Configure the app with a transcription server on this loopback port (TRANSCRIPTION_SERVER_URL).
   * Not started here: whoever tests captions on a server starts it (scripts/lib/transcription-server.ts).
   */
  transcriptionPort?: number;
}): Promise<Stack> {
  const postgres = await startPostgres({ port: postgresPort, dir: `pg-${name}` });
  const databaseUrl = await postgres.createDatabase(`${name}_${Date.now()}`);
  const livekit = await startLivekit({
    port: livekitPort,
    keys: loadOrCreateLivekitKeys(),
    webhookUrl: `http://127.0.0.1:${appPort}/api/livekit/webhook`,
  });
  const minio = minioPort ? await startMinio({ port: minioPort, dir: `minio-${name}` }) : null;
  const s3 = minio ? { endpoint: minio.endpoint, bucket: `parley-${name}`, accessKeyId: minio.accessKeyId, secretAccessKey: minio.secretAccessKey } : undefined;
  const appUrl = `http://localhost:${appPort}`;
  const env: EnvVars = {
    APP_URL: appUrl,
    DATA_DIR: `${dataDir}/${name}`,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: `${name}-auth-secret-that-is-long-enough-0123456789`,
    LIVEKIT_URL: livekit.url,
    LIVEKIT_API_KEY: livekit.apiKey,
    LIVEKIT_API_SECRET: livekit.apiSecret,
    ...(s3 ? { S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey } : {}),
    ...(transcriptionPort ? { TRANSCRIPTION_SERVER_URL: `http://127.0.0.1:${transcriptionPort}`, TRANSCRIPTION_SERVER_NAME: E2E_TRANSCRIPTION_SERVER_NAME } : {}),
  };
  await buildAppIfNeeded({ env });
  await startApp({ port: appPort, host: "127.0.0.1", env, logFile: `${dataDir}/logs/${name}-app.log` });
  return { appUrl, databaseUrl, s3 };
}

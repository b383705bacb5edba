/**
 * `npm start`: Parley on embedded defaults. Uses LIVEKIT_URL/KEY/SECRET when set;
 * otherwise runs livekit-server --dev on loopback (installing the pinned version
 * into .data/bin if needed). Migrations run inside the app as it starts.
 *
 * Scripts are separate entry points from the app: they read process.env only to
 * pass configuration through to the child processes; lib/env.ts validates it there.
 */
import { buildAppIfNeeded, loadOrCreateAuthSecret, startApp, type EnvVars } from "./lib/app";
import { ensureLivekitBinary, loadOrCreateLivekitKeys, startLivekit } from "./lib/livekit";
import { dataDir } from "./lib/paths";
import { installShutdownHandlers, shutdownAndExit } from "./lib/process";

async function main() {
  installShutdownHandlers();
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;

  const env: EnvVars = {
    APP_URL: appUrl,
    DATA_DIR: dataDir,
    AUTH_SECRET: process.env.AUTH_SECRET ?? loadOrCreateAuthSecret(),
  };

  if (process.env.LIVEKIT_URL) {
    if (!process.env.LIVEKIT_API_KEY || !process.env.LIVEKIT_API_SECRET) {
      throw new Error("LIVEKIT_URL is set, so LIVEKIT_API_KEY and LIVEKIT_API_SECRET must be set too.");
    }
    console.log(`[parley] using LiveKit at ${process.env.LIVEKIT_URL}`);
  } else {
    await ensureLivekitBinary();
    const livekit = await startLivekit({
      port: Number(process.env.LIVEKIT_PORT ?? 7880),
      keys: loadOrCreateLivekitKeys(),
      webhookUrl: `http://127.0.0.1:${port}/api/livekit/webhook`,
    });
    Object.assign(env, { LIVEKIT_URL: livekit.url, LIVEKIT_API_KEY: livekit.apiKey, LIVEKIT_API_SECRET: livekit.apiSecret });
    console.log(`[parley] livekit-server (dev) on ${livekit.url}, log: ${livekit.logFile}`);
  }

  await buildAppIfNeeded({ env });
  await startApp({ port, host, env });
  console.log(`\n  Parley is running: ${appUrl}\n  Database: ${process.env.DATABASE_URL ? "DATABASE_URL" : `PGlite in ${dataDir}/pglite`}\n  Press Ctrl-C to stop.\n`);
}

main().catch(async (err) => {
  console.error(`\n[parley] could not start: ${err instanceof Error ? err.message : err}`);
  await shutdownAndExit(1);
});

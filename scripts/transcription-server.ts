/**
 * `npm run transcription-server [-- PORT]`: installs faster-whisper-server with Whisper base (once;
 * scripts/lib/transcription-server.ts) and runs it on 127.0.0.1:PORT (a free port when none is
 * given) until Ctrl-C, printing the configuration that points Parley at it. For trying captions on a
 * server locally; a deployment brings its own OpenAI-compatible server and a stronger model.
 */
import { installShutdownHandlers, shutdownAndExit } from "./lib/process";
import { freePort, startTranscriptionServer, TRANSCRIPTION_SERVER_MODEL } from "./lib/transcription-server";

async function main() {
  installShutdownHandlers();
  const requested = process.argv[2];
  const port = requested ? Number(requested) : await freePort();
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`not a port: ${requested}`);
  const started = Date.now();
  const server = await startTranscriptionServer({ port });
  console.error(`[parley] transcription server ready in ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${server.logFile}). Start Parley with:`);
  console.log(`TRANSCRIPTION_SERVER_URL=${server.url}\nTRANSCRIPTION_SERVER_MODEL=${TRANSCRIPTION_SERVER_MODEL}\nTRANSCRIPTION_SERVER_NAME="faster-whisper (Whisper base) on this machine"`);
  const exit = await server.exited;
  console.error(`[parley] the transcription server stopped (${exit.signal ?? `exit ${exit.code}`})`);
  await shutdownAndExit(exit.code === 0 ? 0 : 1);
}

main().catch(async (error) => {
  console.error(`[parley] ${error instanceof Error ? (error.stack ?? error.message) : error}`);
  await shutdownAndExit(1);
});

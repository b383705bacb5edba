/**
 * `npm test`: installs what the tests need (Debian Chromium and PostgreSQL, the
 * pinned livekit-server) and runs every suite against real services:
 *   unit → integration (PostgreSQL, Neon driver via WebSocket proxy, PGlite, livekit-server)
 *   → next build → end-to-end (Chromium with fake camera/mic, app, PostgreSQL, livekit-server).
 * `npm test -- unit|integration|e2e [playwright args]` runs some of them.
 */
import { spawn } from "node:child_process";
import type { EnvVars } from "./lib/app";
import { ensureLivekitBinary } from "./lib/livekit";
import { repoRoot } from "./lib/paths";
import { installShutdownHandlers, shutdown, shutdownAndExit } from "./lib/process";
import { startStack } from "./lib/stack";
import { ensureSystemPackages } from "./lib/system-deps";
import { ensureTranscriptionServer } from "./lib/transcription-server";
import { TEST_PORTS } from "../tests/helpers/ports";

type Suite = "unit" | "integration" | "e2e";
const ALL: Suite[] = ["unit", "integration", "e2e"];

function run(command: string, args: string[], env: EnvVars = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const npx = (args: string[], env?: EnvVars) => run(process.execPath, [`${repoRoot}/node_modules/.bin/${args[0]}`, ...args.slice(1)], env);

async function runEndToEnd(playwrightArgs: string[]): Promise<number> {
  const stack = await startStack({
    name: "e2e",
    appPort: TEST_PORTS.e2eApp,
    livekitPort: TEST_PORTS.e2eLivekit,
    postgresPort: TEST_PORTS.postgres + 10,
    minioPort: TEST_PORTS.e2eMinio,
    transcriptionPort: TEST_PORTS.e2eTranscription,
  });
  // Installed here, outside any test's time limit: the captions-server spec starts it (once, about a minute).
  await ensureTranscriptionServer();
  return npx(["playwright", "test", ...playwrightArgs], {
    E2E_BASE_URL: stack.appUrl,
    E2E_DATABASE_URL: stack.databaseUrl,
    E2E_S3: stack.s3 ? JSON.stringify(stack.s3) : undefined,
  });
}

async function main() {
  installShutdownHandlers();
  const requested = process.argv.slice(2).filter((a): a is Suite => (ALL as string[]).includes(a));
  const suites = requested.length ? requested : ALL;
  // Anything else is handed to Playwright, e.g. `npm test -- e2e authorization-matrix`.
  const extra = process.argv.slice(2).filter((a) => !(ALL as string[]).includes(a));
  ensureSystemPackages();
  if (suites.some((s) => s !== "unit")) await ensureLivekitBinary();

  const results: Array<{ suite: Suite; code: number }> = [];
  for (const suite of suites) {
    console.log(`\n━━ ${suite} tests ━━`);
    const code =
      suite === "unit"
        ? await npx(["vitest", "run", "--project", "unit"])
        : suite === "integration"
          ? await npx(["vitest", "run", "--project", "integration"])
          : await runEndToEnd(extra);
    results.push({ suite, code });
    if (suite === "e2e") await shutdown();
  }
  console.log("\n━━ summary ━━");
  for (const r of results) console.log(`  ${r.code === 0 ? "pass" : "FAIL"}  ${r.suite}`);
  await shutdownAndExit(results.every((r) => r.code === 0) ? 0 : 1);
}

main().catch(async (err) => {
  console.error(`\n[parley] tests could not run: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  await shutdownAndExit(1);
});

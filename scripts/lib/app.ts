import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir, ensureDir, repoRoot } from "./paths";
import { spawnManaged, waitForHttp, type ManagedProcess } from "./process";
import { SDK_OUT_DIR, buildEmbedSdk } from "../build-embed-sdk";
import { BROWSER_ASSET_DIRS, copyBrowserAssets } from "../copy-browser-assets";
import { WORKERS_OUT_DIR, buildWorkers } from "../build-workers";

/** Variables passed to child processes (NodeJS.ProcessEnv as augmented by Next requires NODE_ENV). */
export type EnvVars = Record<string, string | undefined>;

const nextBin = path.join(repoRoot, "node_modules", "next", "dist", "bin", "next");

/** AUTH_SECRET for a local install: generated once and kept in .data/ (mode 0600). */
export function loadOrCreateAuthSecret(): string {
  const file = path.join(ensureDir(dataDir), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

const SOURCE_DIRS = ["app", "components", "lib", "workers", "public", "drizzle"];
const SOURCE_FILES = ["package-lock.json", "next.config.ts", "tsconfig.json", "instrumentation.ts"];
/** Written by the build itself (the embed SDK bundle; ffmpeg.wasm and LiveKit's E2EE worker copied from node_modules), so not part of its input. */
const BUILD_OUTPUTS = new Set([SDK_OUT_DIR, WORKERS_OUT_DIR, ...BROWSER_ASSET_DIRS].map((dir) => path.join(repoRoot, dir)));

/** A fingerprint of everything `next build` reads, so an unchanged tree is not rebuilt. */
function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    if (!existsSync(p) || BUILD_OUTPUTS.has(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const name of readdirSync(p).sort()) visit(path.join(p, name));
    } else {
      hash.update(`${path.relative(repoRoot, p)}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const dir of SOURCE_DIRS) visit(path.join(repoRoot, dir));
  for (const file of SOURCE_FILES) visit(path.join(repoRoot, file));
  return hash.digest("hex");
}

/** Runs `next build` unless the last build used exactly these sources. */
export async function buildAppIfNeeded({ force = false, env }: { force?: boolean; env?: EnvVars } = {}) {
  // Kept inside .next so the build and its stamp go together (start, tests and benchmarks share it).
  const stampFile = path.join(repoRoot, ".next", "parley-source-stamp");
  // Served from public/ as is (never bundled); cheap when already there.
  await copyBrowserAssets();
  await buildWorkers();
  const fingerprint = sourceFingerprint();
  const built = existsSync(path.join(repoRoot, ".next", "BUILD_ID")) && existsSync(path.join(repoRoot, SDK_OUT_DIR, "parley-embed.js"));
  if (!force && built && existsSync(stampFile) && readFileSync(stampFile, "utf8") === fingerprint) {
    console.error("[parley] app already built from these sources");
    return;
  }
  console.error("[parley] building the embed SDK and the app (next build)…");
  await buildEmbedSdk();
  const build = spawnManaged({ name: "build", command: process.execPath, args: [nextBin, "build"], cwd: repoRoot, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env }, registerForShutdown: true });
  const { code, signal } = await build.exited;
  if (code !== 0) throw new Error(`next build failed (${signal ?? `exit code ${code}`})`);
  writeFileSync(stampFile, fingerprint);
}

/** Starts the built app with `next start` and waits until /api/health answers (migrations done). */
export async function startApp({ port, host, env, logFile }: { port: number; host: string; env: EnvVars; logFile?: string }): Promise<ManagedProcess> {
  const app = spawnManaged({
    name: "app",
    command: process.execPath,
    args: [nextBin, "start", "-p", String(port), "-H", host],
    cwd: repoRoot,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env, NODE_ENV: "production" },
    logFile,
    echo: true,
    exitSignal: "SIGTERM",
  });
  await waitForHttp(`http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}/api/health`, { timeoutMs: 120_000, process: app, logFile });
  return app;
}

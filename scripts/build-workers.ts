/**
 * Bundles the AI workers (workers/browser/*.worker.ts, except the service worker, which Serwist
 * builds) and AudioWorklet processors (*.worklet.ts) to public/workers/<name>.js as ES modules.
 * Turbopack serves `new Worker(new URL(…))` files as raw assets, untranspiled, so the workers are
 * built here and loaded by URL (worklets by `audioWorklet.addModule`). onnxruntime-web
 * is not bundled into them: they import it from /ort (scripts/copy-browser-assets.ts).
 * The output is generated at build time and git-ignored.
 *
 * Run: npx tsx scripts/build-workers.ts   (or call buildWorkers() from another script)
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { repoRoot } from "./lib/paths";

export const WORKERS_OUT_DIR = "public/workers";
const sourceDir = path.join(repoRoot, "workers/browser");

/** Builds every worker and worklet, or only those named (e.g. `["rnnoise.worklet.ts"]`). */
export async function buildWorkers(only?: string[]): Promise<string[]> {
  const entries = readdirSync(sourceDir).filter(
    (name) => ((name.endsWith(".worker.ts") && name !== "service.worker.ts") || name.endsWith(".worklet.ts")) && (!only || only.includes(name)),
  );
  await build({
    entryPoints: entries.map((name) => path.join(sourceDir, name)),
    outdir: path.join(repoRoot, WORKERS_OUT_DIR),
    entryNames: "[name]",
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    logLevel: "warning",
  });
  return entries.map((name) => name.replace(/\.ts$/, ".js"));
}

async function main() {
  const built = await buildWorkers();
  console.log(`[parley] workers written to ${WORKERS_OUT_DIR}/: ${built.join(", ")}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`[parley] could not build the workers: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  });
}

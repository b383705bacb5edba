/**
 * Bundles the embed SDK (lib/embed-sdk/index.ts) for third-party pages:
 *   public/sdk/parley-embed.js   IIFE, global `Parley` (`new Parley.ParleyEmbed({...})`)
 *   public/sdk/parley-embed.mjs  ESM (`import { ParleyEmbed } from ".../parley-embed.mjs"`)
 * The output is generated at build time and git-ignored.
 *
 * Run: npx tsx scripts/build-embed-sdk.ts   (or call buildEmbedSdk() from another script)
 */
import path from "node:path";
import { build, type BuildOptions } from "esbuild";
import { repoRoot } from "./lib/paths";

const entry = path.join(repoRoot, "lib/embed-sdk/index.ts");
/** Relative to the repository; served at /sdk/parley-embed.js. */
export const SDK_OUT_DIR = "public/sdk";
const outDir = path.join(repoRoot, SDK_OUT_DIR);

// `/*!` comments survive minification, so the bundle says what it is.
const banner = "/*! Parley embed SDK | parley-embed/1 | embed a Parley meeting and drive it over postMessage */";

const shared: BuildOptions = {
  entryPoints: [entry],
  bundle: true,
  minify: true,
  platform: "browser",
  // Old enough for every browser that can run a LiveKit meeting anyway.
  target: "es2019",
  banner: { js: banner },
  legalComments: "none",
  sourcemap: false,
  logLevel: "warning",
};

export async function buildEmbedSdk(): Promise<void> {
  await Promise.all([
    build({ ...shared, format: "iife", globalName: "Parley", outfile: path.join(outDir, "parley-embed.js") }),
    build({ ...shared, format: "esm", outfile: path.join(outDir, "parley-embed.mjs") }),
  ]);
}

async function main() {
  await buildEmbedSdk();
  console.log(`[parley] embed SDK written to ${path.relative(repoRoot, outDir)}/`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`[parley] could not build the embed SDK: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  });
}

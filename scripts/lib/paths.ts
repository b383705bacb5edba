import { accessSync, constants, mkdirSync } from "node:fs";
import path from "node:path";

// Resolved from this file rather than process.cwd() so the scripts work when
// started from any directory (npm runs them from the root, tests may not).
// __dirname, not import.meta.url: tsx (CommonJS here), vitest and Playwright's loader all provide it,
// and Playwright's loader cannot load a file that mentions import.meta (end-to-end specs import this).
export const repoRoot = path.resolve(__dirname, "..", "..");

/** Machine-local state: binaries, keys, database clusters, logs. Git-ignored. */
export const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(repoRoot, ".data"));

export const binDir = path.join(dataDir, "bin");

export const logsDir = path.join(dataDir, "logs");

/** Returns `dir` after creating it (and its parents) if needed. */
export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

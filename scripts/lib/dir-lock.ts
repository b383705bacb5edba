import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { isProcessRunning } from "./process";

/**
 * Runs `task` while holding a lock directory (mkdir is atomic), so two processes started together
 * (the dev server and a test run) do not build the same venv or model at once. A lock left by a
 * process that is gone is taken over.
 */
export async function withLock<T>(lockDir: string, task: () => Promise<T>, { pollMs = 1000 } = {}): Promise<T> {
  await mkdir(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(await readFile(path.join(lockDir, "pid"), "utf8").catch(() => "NaN"));
      if (Number.isInteger(owner) && !isProcessRunning(owner)) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
  try {
    await writeFile(path.join(lockDir, "pid"), String(process.pid));
    return await task();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll } from "vitest";
import { buildWorkers } from "../../scripts/build-workers";
import { copyBrowserAssets } from "../../scripts/copy-browser-assets";
import { repoRoot } from "../../scripts/lib/paths";
import { serveDirectory } from "../../scripts/lib/static-server";
import { CHROMIUM_ARGS, SYSTEM_CHROMIUM_PATH } from "./chromium";
import { TEST_PORTS } from "./ports";

/**
 * For integration tests of the browser workers: builds them (only `workers` when given; with
 * `assets`, copies onnxruntime-web and the models too), serves public/ on its own port and starts
 * Debian Chromium, for the file's tests; stopped after them.
 */
export function useWorkerPages({ workers, assets = true, timeoutMs = 600_000 }: { workers?: string[]; assets?: boolean; timeoutMs?: number } = {}) {
  const ctx = { origin: `http://localhost:${TEST_PORTS.workerPages}`, browser: undefined as unknown as Browser };
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (assets) await copyBrowserAssets();
    await buildWorkers(workers);
    stop = await serveDirectory(path.join(repoRoot, "public"), TEST_PORTS.workerPages);
    // One browser alone (no meeting beside it): Chromium as root keeps its realtime audio threads here,
    // which the real-time worklet tests (e.g. dtln-worklet's sample-exact bypass) were written against;
    // without them that test saw an underrun in 2 of 3 runs. Multi-browser e2e tests drop them (chromium.ts).
    ctx.browser = await chromium.launch({ executablePath: SYSTEM_CHROMIUM_PATH, args: CHROMIUM_ARGS });
  }, timeoutMs);
  afterAll(async () => {
    await ctx.browser?.close();
    await stop?.();
  });
  return ctx;
}

/**
 * `npm run bench:captions`: caption latency — from the end of a stretch of speech (as the VAD places
 * it) to its final caption — with the room's pipeline (VAD worker → Whisper worker, WASM) fed real
 * speech at a microphone's pace: JFK, LibriSpeech English and the meeting-like Mandarin mixture
 * (tests/helpers/real-speech.ts). Measured twice in the same run: on an otherwise idle machine (the
 * reference), then while a two-person Parley call runs on the same machine (a host and a guest in
 * two Chromiums, camera and microphone on, through the real SFU). Prints JSON: p50/p95 of each and
 * their ratio, and how many cores the machine was busy during each pass.
 */
import { cpus } from "node:os";
import { readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { captionAssetUrls } from "../lib/ai/caption-models";
import { RUN_ASR_IN_PAGE, type AsrPageResult } from "../tests/helpers/asr-page";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/helpers/chromium";
import { conditioned, realClips } from "../tests/helpers/real-speech";
import { readWav } from "../tests/helpers/wav";
import { buildWorkers } from "./build-workers";
import { copyBrowserAssets } from "./copy-browser-assets";
import { repoRoot } from "./lib/paths";
import { installShutdownHandlers, shutdownAndExit } from "./lib/process";
import { startStack } from "./lib/stack";
import { serveDirectory } from "./lib/static-server";

const PORT = 3318;
const PORTS = { appPort: 3220, livekitPort: 7950, postgresPort: 54379 };

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** Busy CPU time (all cores) from /proc/stat, in seconds. */
function busySeconds(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + fields[4];
  return (fields.reduce((a, b) => a + b, 0) - idle) / 100;
}

type Clip = { name: string; sampleRate: number; samples: number[]; language: "en" | "zh" };

function clips(): Clip[] {
  const all = realClips();
  const zh = all.filter((c) => c.language === "zh");
  const jfk = all.find((c) => c.name === "jfk")!;
  const libri = all.find((c) => c.name.startsWith("librispeech"))!;
  const meeting = conditioned("meeting-like", zh.slice(0, 2));
  return [
    ...[jfk, libri].map((c) => ({ name: c.name, language: c.language, ...readWav(c.file) })),
    { name: meeting.name, language: "zh" as const, sampleRate: meeting.sampleRate, samples: meeting.samples },
  ].map((c) => ({ name: c.name, language: c.language, sampleRate: c.sampleRate, samples: Array.from(c.samples) }));
}

async function measure(page: Page, origin: string, set: Clip[]) {
  const urls = captionAssetUrls(origin);
  const before = busySeconds();
  const started = Date.now();
  const result = (await page.evaluate(
    `(${RUN_ASR_IN_PAGE})(${JSON.stringify({ vadInit: urls.vad.init, asrInit: { ortUrl: urls.ortUrl, ...urls.asr, force: "wasm" }, clips: set, realtime: true })})`,
  )) as AsrPageResult;
  const cores = (busySeconds() - before) / ((Date.now() - started) / 1000);
  const latencies = result.clips.flatMap((c) => c.segments.map((s) => s.latencyMs)).filter((l): l is number => l !== undefined);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    segments: latencies.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted[sorted.length - 1],
    machineCoresBusy: Number(cores.toFixed(2)),
    texts: result.clips.map((c) => ({ name: c.name, text: c.text })),
  };
}

async function startCall(appUrl: string): Promise<Browser[]> {
  const launch = () => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const [hostBrowser, guestBrowser] = await Promise.all([launch(), launch()]);
  const host = await (await hostBrowser.newContext({ baseURL: appUrl, permissions: ["camera", "microphone"] })).newPage();
  host.setDefaultTimeout(60_000);
  await host.goto("/sign-up");
  await host.getByLabel("Name").fill("Bench Host");
  await host.getByLabel("Email").fill(`bench.captions.${Date.now()}@parley.test`);
  await host.getByLabel("Password").fill("correct horse battery");
  await host.getByRole("button", { name: "Create account" }).click();
  await host.waitForURL(/\/dashboard$/);
  await host.getByLabel("Title").fill("Caption latency under a call");
  await host.getByRole("button", { name: "Create" }).click();
  await host.waitForURL(/\/m\/[a-z-]+$/);
  const code = new URL(host.url()).pathname.split("/").pop()!;
  await host.getByRole("button", { name: "Join now" }).click();
  await host.locator('[data-testid="meeting-room"][data-connection-state="connected"]').waitFor();
  const guest = await (await guestBrowser.newContext({ baseURL: appUrl, permissions: ["camera", "microphone"] })).newPage();
  guest.setDefaultTimeout(60_000);
  await guest.goto(`/m/${code}`);
  await guest.getByLabel("Your name").fill("Bench Guest");
  await guest.getByRole("button", { name: "Continue as guest" }).click();
  await guest.getByRole("button", { name: "Join now" }).click();
  await guest.locator('[data-testid="meeting-room"][data-connection-state="connected"]').waitFor();
  // Both see each other's camera before the measurement starts.
  for (const page of [host, guest]) await page.locator('[data-testid="video-tile"][data-source="camera"] video').nth(1).waitFor();
  return [hostBrowser, guestBrowser];
}

async function main() {
  installShutdownHandlers();
  await copyBrowserAssets();
  await buildWorkers();
  const set = clips();
  const stop = await serveDirectory(path.join(repoRoot, "public"), PORT);
  const origin = `http://localhost:${PORT}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const call: Browser[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    // A warm-up pass loads and compiles the models, as a room that has had captions on for a while.
    process.stderr.write("[bench:captions] warm-up…\n");
    await measure(page, origin, set.slice(0, 1));
    process.stderr.write("[bench:captions] idle machine…\n");
    const idle = await measure(page, origin, set);
    process.stderr.write(`[bench:captions] idle: ${JSON.stringify(idle)}\n`);
    process.stderr.write("[bench:captions] starting a two-person call…\n");
    const stack = await startStack({ name: "bench-captions", ...PORTS });
    call.push(...(await startCall(stack.appUrl)));
    process.stderr.write("[bench:captions] during the call…\n");
    const underCall = await measure(page, origin, set);
    console.log(
      JSON.stringify(
        {
          benchmark: "caption-latency",
          what: "end of speech (VAD) → final caption, real speech fed at a microphone's pace, Whisper base on WASM",
          clips: set.map((c) => c.name),
          idle,
          underTwoPersonCall: underCall,
          ratio: { p50: Number((underCall.p50Ms / idle.p50Ms).toFixed(2)), p95: Number((underCall.p95Ms / idle.p95Ms).toFixed(2)) },
          machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, chromium: browser.version() },
        },
        null,
        2,
      ),
    );
  } finally {
    await Promise.all([browser.close(), ...call.map((b) => b.close())]);
    await stop();
  }
}

main().then(
  () => shutdownAndExit(0),
  async (err) => {
    console.error(`[bench:captions] failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    await shutdownAndExit(1);
  },
);

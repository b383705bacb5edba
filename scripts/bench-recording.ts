/**
 * `npm run bench:recording [-- --seconds N --publishers N]`: the CPU the recording browser spends
 * on recording a meeting of 9 people at 720p, printed as JSON. Real stack: PostgreSQL,
 * livekit-server, MinIO (S3 driver), the built app and Debian Chromium with fake devices.
 *
 * The host joins through the real UI in its own Chromium process. Eight publishers join as guests
 * through the app's API, in a second Chromium process, and publish a 720p fake camera and a fake
 * microphone without subscribing to anything (as `lk load-test` publishers do; LiveKit's CLI itself
 * cannot be built here, see README). The host's Chromium process tree is measured (user + system
 * CPU time from /proc) for N seconds in the meeting, then N seconds while it records at 720p; the
 * difference is what recording costs.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { chromium, type Browser, type Page } from "@playwright/test";
import { build } from "esbuild";
import { RESOLUTIONS } from "../lib/recordings/layout";
import { repoRoot } from "./lib/paths";
import { installShutdownHandlers, onShutdown, shutdownAndExit } from "./lib/process";
import { startStack } from "./lib/stack";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/helpers/chromium";

const PORTS = { appPort: 3200, livekitPort: 7930, postgresPort: 54359, minioPort: 59110 };
/** Time to let simulcast layers, dynacast and the grid settle once every video plays. */
const SETTLE_MS = 5_000;

const { values: args } = parseArgs({
  options: { seconds: { type: "string", default: "30" }, publishers: { type: "string", default: "8" } },
});
const SECONDS = Number(args.seconds);
const PUBLISHERS = Number(args.publishers);
if (!(SECONDS > 0) || !Number.isInteger(PUBLISHERS) || PUBLISHERS < 1) throw new Error("usage: bench-recording [--seconds N>0] [--publishers N≥1]");

const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------- CPU time from /proc

type ProcStat = { pid: number; ppid: number; startTime: string; ticks: number };

function readProcStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let line: string;
    try {
      line = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited while we listed
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
    const fields = line.slice(line.lastIndexOf(")") + 2).split(" ");
    // Fields from state on (state is 3 in proc(5)): ppid 4, utime 14, stime 15, starttime 22.
    stats.push({ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), startTime: fields[19] });
  }
  return stats;
}

/** CPU ticks of `rootPid` and all its descendants, keyed by pid+start time (pids get reused). */
function treeTicks(rootPid: number): Map<string, number> {
  const stats = readProcStats();
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const out = new Map<string, number>();
  const visit = (s: ProcStat) => {
    out.set(`${s.pid}:${s.startTime}`, s.ticks);
    for (const child of children.get(s.pid) ?? []) visit(child);
  };
  const root = stats.find((s) => s.pid === rootPid);
  if (!root) throw new Error(`process ${rootPid} is gone`);
  visit(root);
  return out;
}

/** Busy (non-idle) ticks of the whole machine, from the first line of /proc/stat. */
function machineBusyTicks(): number {
  const [, ...values] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  // Skipped: idle and iowait.
  const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
  return user + nice + system + irq + softirq + steal;
}

/**
 * Cores the host's browser kept busy over `seconds` (CPU seconds ÷ wall seconds). A process that
 * exits inside the window loses its time; Chromium's processes live as long as the page.
 */
async function measureCores(rootPid: number, seconds: number) {
  const before = treeTicks(rootPid);
  const machineBefore = machineBusyTicks();
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const after = treeTicks(rootPid);
  const machineAfter = machineBusyTicks();
  const wall = (performance.now() - started) / 1000;
  let ticks = 0;
  for (const [key, value] of after) ticks += value - (before.get(key) ?? 0);
  return { cores: ticks / CLK_TCK / wall, machineBusyCores: (machineAfter - machineBefore) / CLK_TCK / wall, processes: after.size, wallSeconds: wall };
}

// ---------------------------------------------------------------- the host (real UI)

async function signUpAndCreateMeeting(page: Page): Promise<string> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Bench Host");
  await page.getByLabel("Email").fill(`bench.rec.${Date.now()}@parley.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.getByLabel("Title").fill("Recording benchmark");
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(/\/m\/[a-z-]+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/**
 * Camera tiles on the host's page, and which of them decoded frames during one second. A string,
 * not a function: tsx would rewrite a function's inner helpers into calls the page does not have.
 */
const CAMERA_TILES_SCRIPT = `(async () => {
  const sample = () =>
    Array.from(document.querySelectorAll('[data-testid="video-tile"][data-source="camera"]')).map((tile) => {
      const video = tile.querySelector("video");
      return { identity: tile.dataset.identity, frames: video ? video.getVideoPlaybackQuality().totalVideoFrames : 0, size: video ? video.videoWidth + "x" + video.videoHeight : null };
    });
  const before = new Map(sample().map((tile) => [tile.identity, tile.frames]));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = sample();
  return { tiles: after.length, live: after.filter((tile) => before.has(tile.identity) && tile.frames > before.get(tile.identity)) };
})()`;

type CameraTiles = { tiles: number; live: Array<{ identity: string; frames: number; size: string | null }> };

const countLiveCameraTiles = (page: Page) => page.evaluate<CameraTiles>(CAMERA_TILES_SCRIPT);

async function waitForLiveCameraTiles(page: Page, count: number) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const seen = await countLiveCameraTiles(page);
    if (seen.live.length >= count) return seen;
    if (Date.now() > deadline) throw new Error(`only ${seen.live.length} of ${count} cameras play on the host's page after 120 s`);
  }
}

// ---------------------------------------------------------------- the publishers (API + livekit-client)

/**
 * Runs in each publisher page (plain JavaScript: functions written inside page.evaluate would be
 * rewritten by tsx). Joins as a guest through the app's API, takes a token, connects without
 * subscribing and publishes a 720p camera and a microphone, as the app does (simulcast, dynacast).
 */
const PUBLISHER_SCRIPT = `
async function publish(code, name) {
  const post = async (path, body) => {
    const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
    if (!response.ok) throw new Error(path + ": " + response.status + " " + (await response.text()));
    return response.json();
  };
  await post("/api/meetings/" + code + "/guest", { displayName: name });
  const { token, url } = await post("/api/meetings/" + code + "/token");
  const { Room, VideoPresets, createLocalTracks } = LivekitClient;
  const room = new Room({ adaptiveStream: true, dynacast: true });
  await room.connect(url, token, { autoSubscribe: false });
  const tracks = await createLocalTracks({ audio: true, video: { resolution: VideoPresets.h720.resolution } });
  for (const track of tracks) await room.localParticipant.publishTrack(track);
  window.benchRoom = room;
  const video = tracks.find((t) => t.kind === "video").mediaStreamTrack.getSettings();
  return { identity: room.localParticipant.identity, width: video.width, height: video.height };
}`;

async function bundleLivekitClient(): Promise<string> {
  const result = await build({
    stdin: { contents: 'export * from "livekit-client";', resolveDir: repoRoot, loader: "js" },
    bundle: true,
    format: "iife",
    globalName: "LivekitClient",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

/** Each publisher gets its own context (its own guest cookie) in the one publishers' browser. */
async function startPublishers(browser: Browser, appUrl: string, code: string, count: number) {
  const livekitClient = await bundleLivekitClient();
  const joined: Array<{ identity: string; width: number; height: number }> = [];
  for (let i = 1; i <= count; i++) {
    // The page below is not loaded from the network, so Chromium does not know it is on loopback
    // and asks before it may reach livekit-server on 127.0.0.1 (Local Network Access): allow it.
    const context = await browser.newContext({ baseURL: appUrl, permissions: ["local-network-access"] });
    // A blank page on the app's origin, so the API calls are same-origin and carry the guest cookie.
    await context.route(`${appUrl}/__bench/publisher`, (route) =>
      route.fulfill({ contentType: "text/html", body: `<!doctype html><title>publisher</title><script src="/__bench/livekit-client.js"></script><script>${PUBLISHER_SCRIPT}</script>` }),
    );
    await context.route(`${appUrl}/__bench/livekit-client.js`, (route) => route.fulfill({ contentType: "text/javascript", body: livekitClient }));
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") process.stderr.write(`[publisher ${i}] ${m.text()}\n`);
    });
    await page.goto("/__bench/publisher");
    const result = await page.evaluate(
      ({ code, name }) => (window as unknown as { publish: (c: string, n: string) => Promise<{ identity: string; width: number; height: number }> }).publish(code, name),
      { code, name: `Publisher ${i}` },
    );
    joined.push(result);
    process.stderr.write(`publisher ${i} publishes ${result.width}x${result.height} as ${result.identity}\n`);
  }
  return joined;
}

// ---------------------------------------------------------------- main

async function main() {
  installShutdownHandlers();
  const stack = await startStack({ name: "bench-rec", ...PORTS });
  const hostServer = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  onShutdown("host chromium", () => hostServer.close());
  const hostPid = hostServer.process().pid!;
  const hostBrowser = await chromium.connect(hostServer.wsEndpoint());
  const publisherBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  onShutdown("publishers chromium", () => publisherBrowser.close());

  const hostContext = await hostBrowser.newContext({ baseURL: stack.appUrl, viewport: { width: 1280, height: 720 } });
  hostContext.setDefaultTimeout(30_000);
  const hostPage = await hostContext.newPage();
  hostPage.on("console", (m) => {
    if (m.type() === "error") process.stderr.write(`[host page] ${m.text()}\n`);
  });
  const code = await signUpAndCreateMeeting(hostPage);
  await hostPage.getByRole("button", { name: "Join now" }).click();
  await hostPage.locator('[data-testid="meeting-room"][data-connection-state="connected"]').waitFor();
  const hostIdentity = (await (await hostPage.request.get(`/api/meetings/${code}`)).json()).you.identity as string;
  process.stderr.write(`host is in meeting ${code}; ${PUBLISHERS} publishers joining\n`);

  const publishers = await startPublishers(publisherBrowser, stack.appUrl, code, PUBLISHERS);
  const participants = PUBLISHERS + 1;
  // The host's own camera is a tile too (and is composited): all participants' cameras play.
  const inMeeting = await waitForLiveCameraTiles(hostPage, participants);
  process.stderr.write(`host page shows ${inMeeting.live.length} live cameras; settling ${SETTLE_MS / 1000} s\n`);
  await hostPage.waitForTimeout(SETTLE_MS);

  process.stderr.write(`measuring ${SECONDS} s in the meeting (not recording)…\n`);
  const baseline = await measureCores(hostPid, SECONDS);

  const { width, height } = RESOLUTIONS["720p"];
  await hostPage.getByRole("button", { name: "Record", exact: true }).click();
  const dialog = hostPage.getByRole("dialog", { name: "Record this meeting" });
  await dialog.getByLabel("Quality").selectOption({ label: "720p HD" });
  await dialog.getByRole("button", { name: "Start recording" }).click();
  const status = hostPage.getByTestId("recorder-status");
  // "attached", not visible: the status is an empty (invisible) span in some phases.
  await hostPage.locator('[data-testid="recorder-status"][data-phase="recording"]').waitFor({ state: "attached" });
  const recordingId = (await status.getAttribute("data-recording-id"))!;
  process.stderr.write(`recording ${recordingId}; measuring ${SECONDS} s…\n`);
  const recording = await measureCores(hostPid, SECONDS);
  const whileRecording = await countLiveCameraTiles(hostPage);

  await hostPage.getByRole("button", { name: "Stop recording" }).click();
  // Finishing the upload and ffmpeg.wasm's remux take a while on a busy 2-core machine.
  await hostPage.locator('[data-testid="recorder-status"][data-phase="saved"]').waitFor({ state: "attached", timeout: 600_000 });
  const stored = await hostPage.request.get(`/api/recordings/${recordingId}`);
  if (!stored.ok()) throw new Error(`GET /api/recordings/${recordingId}: ${stored.status()} ${await stored.text()}`);
  const { recording: saved } = (await stored.json()) as { recording: { sizeBytes: number | null; durationMs: number | null; mimeType: string; status: string } };

  const remoteLive = whileRecording.live.filter((tile) => tile.identity !== hostIdentity);
  const cpus = os.cpus().length;
  const cost = recording.cores - baseline.cores;
  console.log(
    JSON.stringify(
      {
        benchmark: "recording-cpu",
        participants,
        compositeResolution: `${width}x${height}`,
        publisherSource: "chromium",
        publishedVideoSizes: publishers.map((p) => `${p.width}x${p.height}`),
        // Every camera playing on the host's page is drawn on the recording's canvas too.
        liveCameraTilesWhileRecording: whileRecording.live.length,
        remoteVideosComposited: remoteLive.length,
        remoteVideoSizesReceived: remoteLive.map((tile) => tile.size),
        durationSeconds: SECONDS,
        baselineCpuCoresUsed: round(baseline.cores),
        recordingCpuCoresUsed: round(recording.cores),
        recordingCostCores: round(cost),
        perCoreOfMachine: round(cost / cpus, 3),
        machineBusyCores: { baseline: round(baseline.machineBusyCores), recording: round(recording.machineBusyCores) },
        hostBrowserProcesses: recording.processes,
        recordedBytes: saved.sizeBytes,
        recordedDurationMs: saved.durationMs,
        recordedMimeType: saved.mimeType,
        recordingStatus: saved.status,
        machine: {
          cpus,
          cpuModel: os.cpus()[0]?.model.trim(),
          memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
          os: `${os.type()} ${os.release()}`,
          node: process.version,
          chromium: hostBrowser.version(),
          clockTicksPerSecond: CLK_TCK,
        },
      },
      null,
      2,
    ),
  );
}

main().then(
  () => shutdownAndExit(0),
  async (err) => {
    console.error(`[bench:recording] failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    await shutdownAndExit(1);
  },
);

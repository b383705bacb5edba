/**
 * `npm run bench:join`: time from clicking "Join now" to the first decoded remote
 * video frame, over 20 joins, printed as JSON. Real stack: PostgreSQL,
 * livekit-server, the built app and Debian Chromium with a fake camera.
 *
 * A host sits in the meeting publishing its camera; each run, a guest page
 * clicks Join and we time (in the page's own clock) until the host's video
 * delivers its first frame (requestVideoFrameCallback).
 */
import { chromium, type Page } from "@playwright/test";
import { installShutdownHandlers, shutdownAndExit } from "./lib/process";
import { startStack } from "./lib/stack";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/helpers/chromium";

const RUNS = Number(process.argv[2] ?? 20);
const PORTS = { appPort: 3200, livekitPort: 7930, postgresPort: 54359 };

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

async function signUpAndCreateMeeting(page: Page): Promise<string> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Bench Host");
  await page.getByLabel("Email").fill(`bench.${Date.now()}@parley.test`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.getByLabel("Title").fill("Join benchmark");
  await page.getByRole("button", { name: "Create" }).click();
  await page.waitForURL(/\/m\/[a-z-]+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/**
 * Clicks Join and resolves with ms until the host's camera has a decoded frame
 * in a <video> on this page. Polled every 5 ms, which also survives React
 * replacing the element while tracks attach.
 */
async function timeJoin(page: Page, hostIdentity: string): Promise<number> {
  await page.getByTestId("prejoin-preview").waitFor();
  const join = page.getByRole("button", { name: "Join now" });
  await join.waitFor();
  await page.evaluate((identity) => {
    const w = window as unknown as { __joinMs?: Promise<number> };
    w.__joinMs = new Promise<number>((resolve, reject) => {
      const giveUp = setTimeout(() => reject(new Error("no remote frame within 40 s of clicking Join")), 40_000);
      const selector = `[data-testid="video-tile"][data-identity="${identity}"][data-source="camera"] video`;
      // On the document (capture), not the button: React may replace the button before the click.
      document.addEventListener(
        "click",
        () => {
          const t0 = performance.now();
          // setInterval, not requestAnimationFrame: rAF may be throttled in headless pages.
          const timer = setInterval(() => {
            const videos = Array.from(document.querySelectorAll<HTMLVideoElement>(selector));
            if (videos.some((v) => v.getVideoPlaybackQuality().totalVideoFrames > 0)) {
              clearInterval(timer);
              clearTimeout(giveUp);
              resolve(performance.now() - t0);
            }
          }, 5);
        },
        { once: true, capture: true },
      );
    });
  }, hostIdentity);
  await join.click();
  return page.evaluate(() => (window as unknown as { __joinMs: Promise<number> }).__joinMs);
}

async function main() {
  installShutdownHandlers();
  const stack = await startStack({ name: "bench", ...PORTS });
  const launch = () => chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const hostBrowser = await launch();
  const guestBrowser = await launch();
  try {
    const hostContext = await hostBrowser.newContext({ baseURL: stack.appUrl });
    hostContext.setDefaultTimeout(30_000);
    const hostPage = await hostContext.newPage();
    const code = await signUpAndCreateMeeting(hostPage);
    process.stderr.write(`meeting ${code} created; host joining\n`);
    await hostPage.getByRole("button", { name: "Join now" }).click();
    await hostPage.locator('[data-testid="meeting-room"][data-connection-state="connected"]').waitFor();
    const hostIdentity = (await (await hostPage.request.get(`/api/meetings/${code}`)).json()).you.identity as string;

    process.stderr.write(`host ${hostIdentity} is in the room\n`);
    const guestContext = await guestBrowser.newContext({ baseURL: stack.appUrl });
    guestContext.setDefaultTimeout(30_000);
    const samples: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const page = await guestContext.newPage();
      await page.goto(`/m/${code}`);
      if (await page.getByLabel("Your name").isVisible()) {
        await page.getByLabel("Your name").fill("Bench Guest");
        await page.getByRole("button", { name: "Continue as guest" }).click();
      }
      const ms = await timeJoin(page, hostIdentity);
      // The first join warms up code paths (JIT, route compilation); it is not counted.
      if (run > 0) samples.push(ms);
      await page.getByRole("button", { name: "Leave meeting" }).click();
      await page.close();
      process.stderr.write(`run ${run}: ${ms.toFixed(0)} ms${run === 0 ? " (warm-up, not counted)" : ""}\n`);
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const round = (n: number) => Math.round(n);
    console.log(
      JSON.stringify(
        {
          benchmark: "join-to-first-remote-frame",
          runs: samples.length,
          unit: "ms",
          p50: round(percentile(sorted, 50)),
          p95: round(percentile(sorted, 95)),
          min: round(sorted[0]),
          max: round(sorted[sorted.length - 1]),
          mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
          samples: samples.map(round),
        },
        null,
        2,
      ),
    );
  } finally {
    await Promise.all([hostBrowser.close(), guestBrowser.close()]);
  }
}

main().then(
  () => shutdownAndExit(0),
  async (err) => {
    console.error(`[bench:join] failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    await shutdownAndExit(1);
  },
);

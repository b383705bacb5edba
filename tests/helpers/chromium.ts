import path from "node:path";

/**
 * Debian's Chromium with fake media devices; Playwright never downloads a browser here.
 *
 * As root (CI, this machine) Chromium gets what a desktop user never has: CAP_SYS_NICE, so its audio
 * threads (AudioWorklet, audio output, the audio service) run SCHED_RR realtime. On 2 cores with a
 * few browsers that starves everything else ("sched: RT throttling activated" in the kernel log):
 * pages stopped answering for minutes mid-test, reloads never finished. So as root it starts
 * through a wrapper that drops that capability (util-linux `setpriv`), and audio threads stay
 * ordinary threads, as they are for the people who use Parley.
 */
export const SYSTEM_CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_PATH = process.getuid?.() === 0 ? path.resolve("tests", "helpers", "chromium-as-desktop.sh") : SYSTEM_CHROMIUM_PATH;

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--use-fake-ui-for-media-stream",
  "--use-fake-device-for-media-stream",
  // Screen share in headless Chromium: pick the (fake) screen without a picker.
  "--auto-select-desktop-capture-source=Entire screen",
  "--autoplay-policy=no-user-gesture-required",
];

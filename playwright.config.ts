import { defineConfig } from "@playwright/test";
import { CHROMIUM_PATH } from "./tests/helpers/chromium";
import { e2eChromiumArgs } from "./tests/helpers/fake-camera";
import { TEST_PORTS } from "./tests/helpers/ports";

/**
 * End-to-end tests drive Debian's Chromium (no downloaded browsers) with fake
 * camera and microphone. The app, PostgreSQL and livekit-server are started by
 * scripts/test-all.ts (`npm test`), which passes E2E_BASE_URL.
 */
const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${TEST_PORTS.e2eApp}`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: ".data/test-results",
  fullyParallel: false,
  workers: 1,
  // CAUTION: one retry. Every browser, the SFU, the app and the databases share 2 cores here, and a
  // test that passed on the last clean-clone run has failed once on CI's busier machine; a real
  // regression still fails twice, and a retried test is reported as "flaky" in the list.
  retries: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    video: "off",
    permissions: ["camera", "microphone"],
    launchOptions: { executablePath: CHROMIUM_PATH, args: e2eChromiumArgs() },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", testMatch: /.*\.spec\.ts/, dependencies: ["setup"] },
    // Attacks on the running server (fuzzer, CSRF); same browser and server as the end-to-end tests.
    // On their own: `npm test -- e2e --project=security`.
    { name: "security", testDir: "tests/security", testMatch: /.*\.spec\.ts/, dependencies: ["setup"] },
  ],
});

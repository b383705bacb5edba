import { test as base, chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "@playwright/test";
import path from "node:path";
import { CHROMIUM_PATH } from "./helpers/chromium";
import { e2eChromiumArgs } from "./helpers/fake-camera";

export const STORAGE = {
  host: path.join(".data", "e2e", "host.json"),
  other: path.join(".data", "e2e", "other.json"),
  cohost: path.join(".data", "e2e", "cohost.json"),
  viewer: path.join(".data", "e2e", "viewer.json"),
};

/**
 * Launches a separate Chromium process, as a second person on another machine would have, with the
 * small fake camera (tests/helpers/fake-camera.ts).
 * `extraArgs` adds Chromium flags, e.g. `--use-file-for-fake-audio-capture=<wav>` for a microphone
 * that plays a file.
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...e2eChromiumArgs(), ...extraArgs], headless: true });
}

type StorageState = Exclude<BrowserContextOptions["storageState"], undefined>;
type PersonOptions = Omit<BrowserContextOptions, "storageState" | "baseURL"> & { storageState?: StorageState; chromiumArgs?: string[] };
type Fixtures = { newPerson: (options?: PersonOptions) => Promise<BrowserContext> };

/** `newPerson()` opens a fresh browser (own process, own cookies); all are closed after the test. */
export const test = base.extend<Fixtures>({
  newPerson: async ({ baseURL }, use) => {
    const browsers: Browser[] = [];
    await use(async ({ chromiumArgs, ...options } = {}) => {
      const browser = await launchBrowser(chromiumArgs);
      browsers.push(browser);
      return browser.newContext({ permissions: ["camera", "microphone"], ...options, baseURL });
    });
    await Promise.all(browsers.map((b) => b.close()));
  },
});

export { expect } from "@playwright/test";

import type { BrowserContext, Page } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";

/**
 * `callbackUrl` on /sign-in and /sign-up never sends anyone to another site. The crafted values
 * look like paths to a prefix check but browsers read them as another host: `/\evil.example`
 * (a backslash is a slash) and `/<TAB>/evil.example` (tabs are dropped).
 */
const CRAFTED = ["/%5Cevil.example", "/%09/evil.example", "/%5C%5Cevil.example", "//evil.example", "/..//evil.example"];

/**
 * Every request the browser sends to evil.example. A redirect there fails to resolve (no such
 * host), so the requests, not the final URL, show that the browser left.
 */
function watchForEvil(context: BrowserContext): string[] {
  const sent: string[] = [];
  context.on("request", (request) => {
    if (new URL(request.url()).hostname === "evil.example") sent.push(request.url());
  });
  return sent;
}

function expectOnApp(page: Page, baseURL: string | undefined, path: string) {
  const at = new URL(page.url());
  expect(at.origin, page.url()).toBe(new URL(baseURL!).origin);
  expect(at.pathname).toBe(path);
}

/** The navigation's error message (e.g. net::ERR_NAME_NOT_RESOLVED after a redirect off-site), or null. */
const navigationError = (navigation: Promise<unknown>) => navigation.then(() => null, (error: Error) => error.message);

test("a signed-in person opening sign-in with a crafted callbackUrl stays on Parley", async ({ newPerson, baseURL }) => {
  const context = await newPerson({ storageState: STORAGE.host });
  const offSite = watchForEvil(context);
  const page = await context.newPage();
  for (const crafted of CRAFTED) {
    const error = await navigationError(page.goto(`/sign-in?callbackUrl=${crafted}`));
    expect(offSite, crafted).toEqual([]);
    expect(error, crafted).toBeNull();
    expectOnApp(page, baseURL, "/dashboard");
  }
  // A real callback still works.
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/recordings")}`);
  await expect(page).toHaveURL(/\/recordings$/);
});

test("signing up and signing in through the form with a crafted callbackUrl land on Parley", async ({ newPerson, baseURL }) => {
  const context = await newPerson();
  const offSite = watchForEvil(context);
  const page = await context.newPage();
  const email = `callback.${Date.now()}@parley.test`;
  const password = "correct horse battery";

  await page.goto(`/sign-up?callbackUrl=${CRAFTED[1]}`);
  await page.getByLabel("Name").fill("Cal Back");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-up"));
  expect(offSite).toEqual([]);
  expectOnApp(page, baseURL, "/dashboard");

  for (const crafted of CRAFTED.slice(0, 2)) {
    await context.clearCookies();
    await page.goto(`/sign-in?callbackUrl=${crafted}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    expect(offSite, crafted).toEqual([]);
    expectOnApp(page, baseURL, "/dashboard");
  }
});

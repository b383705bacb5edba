import type { BrowserContext, Page } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";

/**
 * `callbackUrl` on /sign-in and /sign-up never sends anyone to another site. The crafted values
 * look like paths to a prefix check but browsers read them as another host: `/\evil.example`
 * (a backslash is a slash) and `/<TAB>/evil.example` (tabs are dropped).
 */
const CRAFTED = ["/%5Cevil.example", "/%09/evil.example", "/%5C%5Cevil.example", "//evil.example", "/..//evil.example"];

/** Answers for the foreign site, so leaving the app shows up as a URL instead of a DNS error. */
async function stubEvilSite(context: BrowserContext) {
  await context.route(/^https?:\/\/evil\.example\//, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<h1>evil</h1>" }));
}

function expectOnApp(page: Page, baseURL: string | undefined, path: string) {
  const at = new URL(page.url());
  expect(at.origin, page.url()).toBe(new URL(baseURL!).origin);
  expect(at.pathname).toBe(path);
}

test("a signed-in person opening sign-in with a crafted callbackUrl stays on Parley", async ({ newPerson, baseURL }) => {
  const context = await newPerson({ storageState: STORAGE.host });
  await stubEvilSite(context);
  const page = await context.newPage();
  for (const crafted of CRAFTED) {
    await page.goto(`/sign-in?callbackUrl=${crafted}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expectOnApp(page, baseURL, "/dashboard");
  }
  // A real callback still works.
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/recordings")}`);
  await expect(page).toHaveURL(/\/recordings$/);
});

test("signing up and signing in through the form with a crafted callbackUrl land on Parley", async ({ newPerson, baseURL }) => {
  const context = await newPerson();
  await stubEvilSite(context);
  const page = await context.newPage();
  const email = `callback.${Date.now()}@parley.test`;
  const password = "correct horse battery";

  await page.goto(`/sign-up?callbackUrl=${CRAFTED[1]}`);
  await page.getByLabel("Name").fill("Cal Back");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-up"));
  expectOnApp(page, baseURL, "/dashboard");

  for (const crafted of CRAFTED.slice(0, 2)) {
    await context.clearCookies();
    await page.goto(`/sign-in?callbackUrl=${crafted}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expectOnApp(page, baseURL, "/dashboard");
  }
});

import { expect, STORAGE, test } from "../fixtures";
import { audit } from "../helpers/axe";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/**
 * axe-core (WCAG 2.1 A/AA rules) on every main screen, in light and dark, with 0 serious or
 * critical violations; keyboard-only use of pre-join and room; visible focus.
 */

for (const colorScheme of ["light", "dark"] as const) {
  test(`landing, sign-in, dashboard, pre-join and room have no serious or critical axe violations (${colorScheme})`, async ({ newPerson }) => {
    const visitor = await (await newPerson({ colorScheme })).newPage();
    await visitor.goto("/");
    await audit(visitor, `landing (${colorScheme})`);
    await visitor.goto("/sign-in");
    await audit(visitor, `sign-in (${colorScheme})`);

    const hostPage = await (await newPerson({ storageState: STORAGE.host, colorScheme })).newPage();
    await new DashboardPage(hostPage).goto();
    await expect(hostPage.getByRole("heading", { level: 1 })).toBeVisible();
    await audit(hostPage, `dashboard (${colorScheme})`);
    const code = await new DashboardPage(hostPage).createInstantMeeting(`Accessible ${colorScheme}`);
    const host = new MeetingPage(hostPage);
    await expect(hostPage.getByTestId("prejoin-preview")).toBeVisible();
    await audit(hostPage, `pre-join (${colorScheme})`);
    await host.join();

    const guest = new MeetingPage(await (await newPerson({ colorScheme })).newPage());
    await guest.joinAsGuest(code, "Axe Alex");
    await expect(host.tile({ source: "camera" })).toHaveCount(2);
    await host.openPanel("Chat");
    await host.sendChat("Checking contrast");
    await audit(hostPage, `room with chat (${colorScheme})`);
  });
}

test("pre-join and room work from the keyboard alone, with shortcuts and a help dialog", async ({ newPerson }) => {
  const hostPage = await (await newPerson({ storageState: STORAGE.host })).newPage();
  await new DashboardPage(hostPage).createInstantMeeting("Keyboard only");
  await hostPage.reload(); // start from the top of the page, as someone arriving by the link does
  await expect(hostPage.getByTestId("prejoin-preview")).toBeVisible();

  // The first Tab reaches the skip link, visibly.
  await hostPage.keyboard.press("Tab");
  const skip = hostPage.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  // Tab to "Join now" and press Enter; every stop on the way shows a focus outline.
  const join = hostPage.getByRole("button", { name: "Join now" });
  for (let i = 0; i < 30 && !(await join.evaluate((el) => el === document.activeElement)); i++) {
    await hostPage.keyboard.press("Tab");
    const outline = await hostPage.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return style.outlineStyle !== "none" && style.outlineWidth !== "0px";
    });
    expect(outline, "focused element has a visible outline").toBe(true);
  }
  await expect(join).toBeFocused();
  await hostPage.keyboard.press("Enter");
  const host = new MeetingPage(hostPage);
  await expect(host.room).toHaveAttribute("data-connection-state", "connected");

  // Shortcuts: Ctrl+D microphone, Ctrl+E camera, Ctrl+Alt+C chat, Ctrl+Alt+H hand, ? help.
  await expect(hostPage.getByRole("button", { name: "Turn off microphone" })).toBeVisible();
  await hostPage.keyboard.press("Control+d");
  await expect(hostPage.getByRole("button", { name: "Turn on microphone" })).toBeVisible();
  await hostPage.keyboard.press("Control+e");
  await expect(hostPage.getByRole("button", { name: "Turn on camera" })).toBeVisible();
  await hostPage.keyboard.press("Control+Alt+c");
  await expect(hostPage.getByRole("log")).toBeVisible();
  // Typing "?" into the chat is text, not the help shortcut.
  await hostPage.getByLabel("Message").fill("");
  await hostPage.getByLabel("Message").press("?");
  await expect(hostPage.getByTestId("shortcuts-dialog")).toHaveCount(0);
  await expect(hostPage.getByLabel("Message")).toHaveValue("?");
  await hostPage.keyboard.press("Control+Alt+h");
  await expect(hostPage.getByRole("button", { name: "Lower hand" })).toBeVisible();
  await hostPage.keyboard.press("Control+Alt+c");
  await expect(hostPage.getByRole("log")).toHaveCount(0);

  await hostPage.locator("body").press("?");
  const help = hostPage.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const text of ["Turn microphone on or off", "Ctrl + D", "Ctrl + Alt + H"]) await expect(help).toContainText(text);
  await hostPage.keyboard.press("Escape");
  await expect(help).toHaveCount(0);
  // The chat log and toasts are announced to screen readers.
  await hostPage.keyboard.press("Control+Alt+c");
  await expect(hostPage.getByRole("log")).toHaveAttribute("aria-live", "polite");
});

test("reduced motion is respected", async ({ newPerson }) => {
  const page = await (await newPerson({ reducedMotion: "reduce" })).newPage();
  await page.goto("/");
  const duration = await page.evaluate(() => {
    const probe = document.createElement("div");
    probe.style.transition = "opacity 2s";
    document.body.append(probe);
    return getComputedStyle(probe).transitionDuration;
  });
  expect(Number.parseFloat(duration)).toBeLessThan(0.001);
});

import { expect, STORAGE, test } from "../fixtures";
import { queryDb } from "../helpers/db";
import { framesDecodedOver, loudestRemoteAudio } from "../helpers/media-probes";
import { SignUpPage } from "../pages/auth-pages";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/**
 * The walking skeleton, end to end: a signed-up host creates a meeting, a guest
 * opens the link in a second browser, and they meet through the real SFU.
 */
test("host and guest meet with video, audio, chat and screen share", async ({ newPerson }) => {
  const hostContext = await newPerson({ storageState: STORAGE.host });
  const hostPage = await hostContext.newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("E2E standup");
  const host = new MeetingPage(hostPage);
  await host.join();
  const hostIdentity = (await (await hostPage.request.get(`/api/meetings/${code}`)).json()).you.identity as string;

  const guestContext = await newPerson();
  const guest = new MeetingPage(await guestContext.newPage());
  await guest.joinAsGuest(code, "Gina Guest");
  const guestIdentity = (await (await guest.page.request.get(`/api/meetings/${code}`)).json()).you.identity as string;
  expect(guestIdentity).toMatch(/^guest_/);

  await test.step("each sees the other's camera playing", async () => {
    const guestVideoAtHost = host.tile({ identity: guestIdentity, source: "camera" }).locator("video");
    const hostVideoAtGuest = guest.tile({ identity: hostIdentity, source: "camera" }).locator("video");
    await expect(guestVideoAtHost).toBeVisible();
    await expect(hostVideoAtGuest).toBeVisible();
    await expect.poll(() => framesDecodedOver(guestVideoAtHost)).toBeGreaterThan(5);
    await expect.poll(() => framesDecodedOver(hostVideoAtGuest)).toBeGreaterThan(5);
  });

  await test.step("each hears the other's microphone", async () => {
    for (const side of [host, guest]) {
      await expect
        .poll(async () => {
          const heard = await loudestRemoteAudio(side.page);
          return heard.live > 0 && heard.peakRms > 0.001;
        })
        .toBe(true);
    }
  });

  await test.step("chat arrives live at the other side", async () => {
    await guest.openPanel("Chat");
    await host.sendChat("Hello from the host <b>not bold</b>");
    await expect(guest.chatMessages().filter({ hasText: "Hello from the host <b>not bold</b>" })).toHaveCount(1);
    await guest.sendChat("你好, host!");
    await expect(host.chatMessages().filter({ hasText: "你好, host!" })).toHaveCount(1);
    await expect(host.chatMessages().filter({ hasText: "你好, host!" })).toHaveAttribute("data-status", "sent");
    await expect(guest.chatMessages().filter({ hasText: "你好, host!" })).toHaveAttribute("data-status", "sent");
  });

  await test.step("chat history survives a reload, without duplicates", async () => {
    await guest.page.reload();
    await guest.join();
    await guest.openPanel("Chat");
    await expect(guest.chatMessages()).toHaveCount(2);
    await expect(guest.chatMessages().first()).toContainText("Hello from the host <b>not bold</b>");
    await expect(guest.chatMessages().nth(1)).toContainText("你好, host!");
    const stored = await queryDb<{ body: string }>(
      "select c.body from chat_messages c join meetings m on m.id = c.meeting_id where m.code = $1 order by c.sent_at",
      [code],
    );
    expect(stored.map((r) => r.body)).toEqual(["Hello from the host <b>not bold</b>", "你好, host!"]);
  });

  await test.step("the guest shares a screen and the host sees it", async () => {
    await guest.page.getByRole("button", { name: "Share screen" }).click();
    const screenAtHost = host.tile({ identity: guestIdentity, source: "screen_share" }).locator("video");
    await expect(screenAtHost).toBeVisible();
    await expect.poll(() => framesDecodedOver(screenAtHost)).toBeGreaterThan(0);
    await guest.page.getByRole("button", { name: "Stop sharing" }).click();
    await expect(host.tile({ identity: guestIdentity, source: "screen_share" })).toHaveCount(0);
  });

  await test.step("leaving updates the participant list and is recorded", async () => {
    await host.openPanel("Participants");
    await expect(host.participantItems()).toHaveCount(2);
    await guest.leave();
    await expect(guest.page.getByTestId("left-notice")).toBeVisible();
    await expect(host.participantItems()).toHaveCount(1);
    await expect(host.participantItems().first()).toHaveAttribute("data-identity", hostIdentity);
    // livekit-server's webhooks reached the app: both of the guest's sessions are closed.
    await expect
      .poll(async () =>
        queryDb<{ identity: string; left_at: Date | null }>(
          "select s.identity, s.left_at from participant_sessions s join meetings m on m.id = s.meeting_id where m.code = $1 and s.identity = $2",
          [code, guestIdentity],
        ),
      )
      .toEqual([
        { identity: guestIdentity, left_at: expect.any(Date) },
        { identity: guestIdentity, left_at: expect.any(Date) },
      ]);
  });
});

test("the dashboard lists a scheduled meeting as upcoming with its invite link", async ({ newPerson }) => {
  const page = await (await newPerson({ storageState: STORAGE.host })).newPage();
  const dashboard = new DashboardPage(page);
  const tomorrow = new Date(Date.now() + 86_400_000);
  const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await dashboard.scheduleMeeting("Quarterly planning", local);
  const item = page.getByTestId("upcoming-meetings").getByTestId("meeting-item").filter({ hasText: "Quarterly planning" });
  await expect(item).toContainText("Scheduled");
  await expect(item.getByTestId("copy-link")).toBeVisible();
  await expect(item.getByRole("link", { name: "Join" })).toHaveAttribute("href", /^\/m\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
});

test("signing out ends the session, even for a copy of its cookie", async ({ newPerson }) => {
  const context = await newPerson();
  const page = await context.newPage();
  await new SignUpPage(page).signUp({ name: "Sid Signout", email: `sid.${Date.now()}@parley.test`, password: "correct horse battery" });
  const copied = await context.storageState();
  await page.goto("/dashboard");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)dashboard$/);
  expect((await context.cookies()).some((c) => c.name.endsWith("authjs.session-token"))).toBe(false);

  // Someone who copied the cookie before sign-out gets nothing with it.
  const replay = await (await newPerson({ storageState: copied })).newPage();
  await replay.goto("/dashboard");
  await expect(replay).toHaveURL(/\/sign-in/);
  expect((await replay.request.get("/api/meetings")).status()).toBe(401);
});

test("a wrong password is refused with a readable message", async ({ newPerson }) => {
  const page = await (await newPerson()).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("nobody@parley.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // (Next.js keeps its own empty role="alert" route announcer on the page too.)
  await expect(page.getByRole("alert").filter({ hasText: "That email and password don't match an account." })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

import { expect, STORAGE, test } from "../fixtures";
import { queryDb } from "../helpers/db";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/**
 * Storing a chat message can fail (server error, network cut, tab reloaded).
 * The message must still end up stored exactly once and be seen once by others.
 */
test("a chat message whose store fails is retried with the same key, survives a reload, and is stored once", async ({ newPerson }) => {
  const hostPage = await (await newPerson({ storageState: STORAGE.host })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("Chat reliability");
  const host = new MeetingPage(hostPage);
  await host.join();

  const guest = new MeetingPage(await (await newPerson()).newPage());
  await guest.joinAsGuest(code, "Flaky Network");
  await host.openPanel("Chat");

  // The first two stores fail (a 503, then a dropped connection); the POSTs are counted.
  const posted: string[] = [];
  let failures = 0;
  await guest.page.route(`**/api/meetings/${code}/chat`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    posted.push(route.request().postDataJSON().clientId);
    failures += 1;
    if (failures === 1) return route.fulfill({ status: 503, contentType: "application/json", body: '{"error":{"code":"internal:x","message":"down"}}' });
    if (failures === 2) return route.abort("connectionreset");
    return route.continue();
  });

  await guest.sendChat("sent through a flaky network");
  const mine = guest.chatMessages().filter({ hasText: "sent through a flaky network" });
  await expect(mine).toHaveAttribute("data-status", /pending|retrying/);
  // Live delivery does not wait for storage.
  await expect(host.chatMessages().filter({ hasText: "sent through a flaky network" })).toHaveCount(1);
  await expect(mine).toHaveAttribute("data-status", "sent", { timeout: 30_000 });
  expect(posted.length).toBeGreaterThanOrEqual(3);
  expect(new Set(posted).size).toBe(1);

  // A message typed while storage is down, then the tab reloads before it is stored.
  await guest.page.unroute(`**/api/meetings/${code}/chat`);
  await guest.page.route(`**/api/meetings/${code}/chat`, (route) =>
    route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue(),
  );
  await guest.sendChat("typed just before a reload");
  await expect(guest.chatMessages().filter({ hasText: "typed just before a reload" })).toHaveAttribute("data-status", /pending|retrying/);
  await guest.page.unroute(`**/api/meetings/${code}/chat`);
  await guest.page.reload();
  await guest.join();
  await guest.openPanel("Chat");
  await expect(guest.chatMessages().filter({ hasText: "typed just before a reload" })).toHaveAttribute("data-status", "sent", { timeout: 30_000 });

  await expect
    .poll(async () =>
      (
        await queryDb<{ body: string }>(
          "select c.body from chat_messages c join meetings m on m.id = c.meeting_id where m.code = $1 order by c.sent_at",
          [code],
        )
      ).map((r) => r.body),
    )
    .toEqual(["sent through a flaky network", "typed just before a reload"]);
  await expect(host.chatMessages().filter({ hasText: "sent through a flaky network" })).toHaveCount(1);
  await expect(host.chatMessages().filter({ hasText: "typed just before a reload" })).toHaveCount(1);
});

import { expect, STORAGE, test } from "../fixtures";
import { queryDb } from "../helpers/db";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/** Host controls in real browsers: what the host does, the guest's own UI shows. */
test("the host mutes a guest, then removes and bans them; the guest cannot rejoin", async ({ newPerson }) => {
  const hostPage = await (await newPerson({ storageState: STORAGE.host })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("Moderated");
  const host = new MeetingPage(hostPage);
  await host.join();

  const guest = new MeetingPage(await (await newPerson()).newPage());
  await guest.joinAsGuest(code, "Noisy Ned");
  await expect(guest.page.getByRole("button", { name: "Turn off microphone" })).toBeVisible();

  await test.step("mute: the guest's microphone turns off and they are told who did it", async () => {
    await host.openPanel("Participants");
    await hostPage.getByRole("button", { name: "Mute Noisy Ned" }).click();
    await expect(guest.page.getByRole("button", { name: "Turn on microphone" })).toBeVisible();
    await expect(guest.page.getByText("Hana Host muted your microphone")).toBeVisible();
    // Nobody is unmuted silently: asking shows the guest a choice, and declining keeps them muted.
    await hostPage.getByRole("button", { name: "Ask Noisy Ned to unmute" }).click();
    const ask = guest.page.getByRole("dialog");
    await expect(ask).toContainText("Hana Host asks you to turn on your microphone");
    await ask.getByRole("button", { name: "Stay muted" }).click();
    await expect(guest.page.getByRole("button", { name: "Turn on microphone" })).toBeVisible();
  });

  await test.step("remove with ban: the guest is out and sees why", async () => {
    await hostPage.getByRole("button", { name: "Remove Noisy Ned" }).click();
    const confirm = hostPage.getByRole("dialog");
    await confirm.getByLabel("Don't let them rejoin").check();
    await confirm.getByRole("button", { name: "Remove", exact: true }).click();
    await expect(guest.page.getByText(/removed you/i)).toBeVisible();
    await expect(host.participantItems()).toHaveCount(1);
  });

  await test.step("the banned guest can neither rejoin through the UI nor get a token from the API", async () => {
    await guest.open(code);
    await guest.page.getByRole("button", { name: "Join now" }).click();
    await expect(guest.page.getByText("A host removed you from this meeting. You can't rejoin it.")).toBeVisible();
    const token = await guest.page.request.post(`/api/meetings/${code}/token`);
    expect(token.status()).toBe(403);
    expect((await token.json()).error.code).toBe("forbidden:banned");
  });

  const audit = await queryDb<{ action: string }>(
    "select a.action from audit_log a join meetings m on m.id = a.meeting_id where m.code = $1 and a.action like 'control.%' order by a.id",
    [code],
  );
  expect(audit.map((a) => a.action)).toEqual(["control.mute", "control.request_unmute", "control.remove"]);
});

test("a guest waits in the lobby until the host admits them; a denied guest stays out", async ({ newPerson }) => {
  const hostPage = await (await newPerson({ storageState: STORAGE.host })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("With lobby");
  const host = new MeetingPage(hostPage);
  await host.join();
  const lobbyOn = await hostPage.request.post(`/api/meetings/${code}/controls`, { data: { action: "restrict", lobby: "guests" } });
  expect(lobbyOn.status()).toBe(200);

  const guest = new MeetingPage(await (await newPerson()).newPage());
  await guest.open(code);
  await guest.continueAsGuest("Patient Pat");
  await guest.page.getByRole("button", { name: "Join now" }).click();
  await expect(guest.page.getByTestId("lobby-waiting")).toBeVisible();
  // The API refuses a token while waiting, whatever the UI does.
  expect((await (await guest.page.request.post(`/api/meetings/${code}/token`)).json()).error.code).toBe("forbidden:lobby");

  await host.openPanel("Participants");
  const lobby = hostPage.getByTestId("lobby-panel");
  await expect(lobby).toContainText("Patient Pat");
  await lobby.getByRole("button", { name: "Admit Patient Pat" }).click();
  await expect(guest.room).toHaveAttribute("data-connection-state", "connected");
  await expect(host.participantItems()).toHaveCount(2);

  const denied = new MeetingPage(await (await newPerson()).newPage());
  await denied.open(code);
  await denied.continueAsGuest("Uninvited Una");
  await denied.page.getByRole("button", { name: "Join now" }).click();
  await expect(denied.page.getByTestId("lobby-waiting")).toBeVisible();
  await expect(lobby).toContainText("Uninvited Una");
  await lobby.getByRole("button", { name: "Deny Uninvited Una" }).click();
  await expect(denied.page.getByTestId("lobby-denied")).toBeVisible();
  expect((await denied.page.request.post(`/api/meetings/${code}/token`)).status()).toBe(403);
});

test("a locked meeting lets nobody new in, but lets back someone who was already there", async ({ newPerson }) => {
  const hostPage = await (await newPerson({ storageState: STORAGE.host })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("Locked room");
  const host = new MeetingPage(hostPage);
  await host.join();

  const regular = new MeetingPage(await (await newPerson()).newPage());
  await regular.joinAsGuest(code, "Regular Rita");
  await host.openPanel("Participants");
  await expect(host.participantItems()).toHaveCount(2);

  expect((await hostPage.request.post(`/api/meetings/${code}/controls`, { data: { action: "lock", locked: true } })).status()).toBe(200);
  const late = await (await newPerson()).newPage();
  expect((await late.request.post(`/api/meetings/${code}/guest`, { data: { displayName: "Late Larry" } })).status()).toBe(201);
  const refused = await late.request.post(`/api/meetings/${code}/token`);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden:locked");

  // Rita drops and comes back: she was in the room, so the lock does not keep her out.
  await regular.page.reload();
  await regular.join();
  await expect(host.participantItems()).toHaveCount(2);

  expect((await hostPage.request.post(`/api/meetings/${code}/controls`, { data: { action: "lock", locked: false } })).status()).toBe(200);
  expect((await late.request.post(`/api/meetings/${code}/token`)).status()).toBe(200);
});

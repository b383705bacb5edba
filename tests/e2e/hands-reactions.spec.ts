import { expect, STORAGE, test } from "../fixtures";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/** Raised hands (ordered by the server) and reactions reach everyone; a host can lower a hand. */
test("raised hands are shown in order to everyone, a host lowers one, and reactions arrive", async ({ newPerson }) => {
  const hostPage = await (await newPerson({ storageState: STORAGE.host })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("Questions");
  const host = new MeetingPage(hostPage);
  await host.join();
  const hostIdentity = (await (await hostPage.request.get(`/api/meetings/${code}`)).json()).you.identity as string;

  const guest = new MeetingPage(await (await newPerson()).newPage());
  await guest.joinAsGuest(code, "Curious Cleo");
  const guestIdentity = (await (await guest.page.request.get(`/api/meetings/${code}`)).json()).you.identity as string;
  await host.openPanel("Participants");
  await guest.openPanel("Participants");

  await guest.page.getByRole("button", { name: "Raise hand" }).click();
  await expect(guest.page.getByRole("button", { name: "Lower hand" })).toBeVisible();
  await expect(hostPage.locator(`[data-testid="participant-item"][data-identity="${guestIdentity}"]`)).toHaveAttribute("data-hand-raised", "true");
  await hostPage.getByRole("button", { name: "Raise hand" }).click();

  // Hands first, oldest first: the guest raised before the host, at both ends.
  for (const side of [host, guest]) {
    await expect(side.participantItems().nth(0)).toHaveAttribute("data-identity", guestIdentity);
    await expect(side.participantItems().nth(1)).toHaveAttribute("data-identity", hostIdentity);
    await expect(side.participantItems().nth(1)).toHaveAttribute("data-hand-raised", "true");
  }

  await hostPage.getByRole("button", { name: "Lower Curious Cleo's hand" }).click();
  await expect(guest.page.getByRole("button", { name: "Raise hand" })).toBeVisible();
  await expect(hostPage.locator(`[data-testid="participant-item"][data-identity="${guestIdentity}"]`)).toHaveAttribute("data-hand-raised", "false");

  await guest.page.getByRole("button", { name: "Send a reaction" }).click();
  await guest.page.getByRole("button", { name: "Thumbs up" }).click();
  await expect(hostPage.getByTestId("reaction").getByRole("img", { name: "Thumbs up" })).toBeVisible();
  // A reaction not on the list is refused by the server.
  expect((await guest.page.request.post(`/api/meetings/${code}/reaction`, { data: { emoji: "💩" } })).status()).toBe(400);
});

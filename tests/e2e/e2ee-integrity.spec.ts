import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";
import { queryDb } from "../helpers/db";
import { framesDecodedOver } from "../helpers/media-probes";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/**
 * What an end-to-end encrypted meeting must not believe: plaintext (from a client that skipped
 * encryption, or from whoever runs the server) and real ciphertext moved to another sender or
 * another message. And the passphrase does not linger in the address bar or, for a guest, on the
 * device. The checks are soft, so one run reports every broken promise, not just the first.
 */
test.describe.configure({ timeout: 360_000 });

const REMEMBERED = "parley.e2ee.v1";

async function remembered(page: Page, where: "localStorage" | "sessionStorage"): Promise<Record<string, string>> {
  const raw = await page.evaluate(({ where, key }) => window[where].getItem(key), { where, key: REMEMBERED });
  return raw ? (JSON.parse(raw) as Record<string, string>) : {};
}

async function verificationCode(page: Page): Promise<string> {
  await page.getByTestId("e2ee-badge").click();
  const code = (await page.getByTestId("verification-code").textContent())!.trim();
  await page.getByRole("dialog", { name: "Verification code" }).getByRole("button", { name: "Close" }).click();
  return code;
}

const identityIn = async (page: Page, code: string) => (await (await page.request.get(`/api/meetings/${code}`)).json()).you.identity as string;

test("an encrypted meeting hides plaintext and moved ciphertext, refuses plaintext posts, and keeps the passphrase out of the URL and off a guest's device", async ({ newPerson }) => {
  const hostContext = await newPerson({ storageState: STORAGE.host });
  const hostPage = await hostContext.newPage();
  await new DashboardPage(hostPage).goto();
  await hostPage.getByLabel("Title").fill("Integrity board");
  await hostPage.getByLabel("End-to-end encrypted").check();
  await hostPage.getByRole("button", { name: "Create" }).click();
  await expect(hostPage).toHaveURL(/\/m\/[a-z]{3}-[a-z]{4}-[a-z]{3}(#|$)/);
  const code = new URL(hostPage.url()).pathname.split("/").pop()!;
  // The signed-in host keeps it on the device: the dashboard copies the invite link from there.
  const passphrase = (await remembered(hostPage, "localStorage"))[code];
  expect(passphrase).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){6}$/);
  const host = new MeetingPage(hostPage);
  await host.join();
  await expect(hostPage.getByTestId("e2ee-badge")).toBeVisible();
  expect.soft(hostPage.url(), "the host's address bar").not.toContain("key=");
  const hostIdentity = await identityIn(hostPage, code);

  const guestContext = await newPerson();
  const guest = new MeetingPage(await guestContext.newPage());
  await guest.page.goto(`/m/${code}#key=${encodeURIComponent(passphrase)}&from=invite`);
  await guest.continueAsGuest("Gina Guest");
  await guest.join();
  const guestIdentity = await identityIn(guest.page, code);

  await test.step("the guest's link loses its key at once; the guest's device does not keep it, the tab does", async () => {
    await expect.soft(guest.page).toHaveURL(new RegExp(`/m/${code}#from=invite$`));
    expect.soft(guest.page.url()).not.toContain(passphrase);
    expect.soft(await remembered(guest.page, "localStorage"), "guest localStorage").toEqual({});
    expect.soft(await remembered(guest.page, "sessionStorage"), "guest sessionStorage").toEqual({ [code]: passphrase });
  });

  await test.step("both read each other's chat", async () => {
    await guest.openPanel("Chat");
    await host.sendChat("Quarterly numbers are final");
    await expect(guest.chatMessages().filter({ hasText: "Quarterly numbers are final" })).toHaveCount(1);
    await guest.sendChat("Numbers received");
    await expect(host.chatMessages().filter({ hasText: "Numbers received" })).toHaveCount(1);
    await expect(guest.chatMessages().filter({ hasText: "Numbers received" })).toHaveAttribute("data-status", "sent");
  });

  await test.step("the API refuses plaintext chat and captions in an encrypted meeting, with a readable JSON error", async () => {
    const chat = await guest.page.request.post(`/api/meetings/${code}/chat`, {
      data: { clientId: randomUUID(), body: "sent around the encryption", sentAt: new Date().toISOString() },
    });
    expect.soft(chat.status(), "plaintext chat POST").toBe(400);
    expect.soft(await chat.json().catch(() => null)).toMatchObject({ error: { code: "bad_request:plaintext_in_e2ee", message: expect.stringContaining("encrypted") } });
    const now = Date.now();
    const caption = await guest.page.request.post(`/api/meetings/${code}/transcript`, {
      data: { segmentId: randomUUID(), final: true, language: "en", startedAt: new Date(now - 2000).toISOString(), endedAt: new Date(now).toISOString(), text: "a caption in the clear" },
    });
    expect.soft(caption.status(), "plaintext caption POST").toBe(400);
    expect.soft(await caption.json().catch(() => null)).toMatchObject({ error: { code: "bad_request:plaintext_in_e2ee" } });
    const stored = await queryDb("select c.body from chat_messages c join meetings m on m.id = c.meeting_id where m.code = $1 and c.body not like 'e2ee:v1:%'", [code]);
    expect.soft(stored, "plaintext rows stored by the API").toHaveLength(0);
  });

  await test.step("the operator edits the database: plaintext in the host's name, the host's ciphertext moved to the guest and replayed under a new id", async () => {
    const [original] = await queryDb<{ client_id: string; body: string }>(
      "select c.client_id, c.body from chat_messages c join meetings m on m.id = c.meeting_id where m.code = $1 and c.sender_identity = $2",
      [code, hostIdentity],
    );
    expect(original.body).toMatch(/^e2ee:v1:/);
    const insert = (senderIdentity: string, senderName: string, body: string) =>
      queryDb(
        "insert into chat_messages (meeting_id, client_id, sender_identity, sender_name, body, sent_at) select id, $2, $3, $4, $5, now() from meetings where code = $1",
        [code, randomUUID(), senderIdentity, senderName, body],
      );
    await insert(hostIdentity, "Harriet Host", "Wire the money to the new account today");
    await insert(hostIdentity, "Harriet Host", original.body); // replayed: the same envelope under another clientId
    await queryDb("update chat_messages set sender_identity = $2, sender_name = 'Gina Guest' where client_id = $1", [original.client_id, guestIdentity]);
  });

  await test.step("after a reload the guest joins without the link's key, with working E2EE, and sees flags instead of the forged messages", async () => {
    await guest.page.reload();
    await expect(guest.page.getByTestId("passphrase-form")).toHaveCount(0);
    await guest.join();
    await expect(guest.page.getByTestId("e2ee-badge")).toBeVisible();
    expect.soft(guest.page.url()).not.toContain("key=");
    expect(await verificationCode(guest.page)).toBe(await verificationCode(hostPage));
    // Over 3 s: two encrypting browsers on a shared 2-core machine may send only a few frames a second.
    await expect.poll(() => framesDecodedOver(guest.tile({ identity: hostIdentity, source: "camera" }).locator("video"), 3000)).toBeGreaterThan(5);
    await expect.poll(() => framesDecodedOver(host.tile({ identity: guestIdentity, source: "camera" }).locator("video"), 3000)).toBeGreaterThan(5);

    await guest.openPanel("Chat");
    const messages = guest.chatMessages();
    await expect(messages.filter({ hasText: "Numbers received" })).toHaveCount(1); // the genuine one still opens
    await expect.soft(messages.filter({ hasText: "Wire the money" }), "plaintext shown as the host's words").toHaveCount(0);
    await expect.soft(messages.filter({ hasText: "An unencrypted message was hidden" })).toHaveCount(1);
    await expect.soft(messages.filter({ hasText: "Quarterly numbers are final" }), "moved or replayed ciphertext shown").toHaveCount(0);
    await expect.soft(messages.filter({ hasText: "could not be decrypted" })).toHaveCount(2);
    await expect(messages).toHaveCount(4);
  });
});

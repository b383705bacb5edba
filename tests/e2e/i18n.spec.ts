import { createTranslator, getMessages } from "../../lib/i18n";
import { expect, STORAGE, test } from "../fixtures";
import { audit } from "../helpers/axe";
import { queryDb } from "../helpers/db";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/** The same meeting in Chinese and English: browser language by default, switchable, remembered. */
const zh = createTranslator(getMessages("zh-CN"));
const en = createTranslator(getMessages("en"));

test("a Chinese browser gets the room in Chinese while the host's stays English, and chat flows between them", async ({ newPerson }) => {
  const hostPage = await (await newPerson({ storageState: STORAGE.host, locale: "en-US" })).newPage();
  const code = await new DashboardPage(hostPage).createInstantMeeting("双语会议 Bilingual sync");
  const host = new MeetingPage(hostPage);
  await host.join();

  const guestPage = await (await newPerson({ locale: "zh-CN", timezoneId: "Asia/Shanghai" })).newPage();
  await guestPage.goto(`/m/${code}`);
  await expect(guestPage.locator("html")).toHaveAttribute("lang", "zh-CN");
  await guestPage.getByLabel(zh("meeting.guestNameLabel")).fill("李雷");
  await guestPage.getByRole("button", { name: zh("meeting.continueAsGuest") }).click();
  await expect(guestPage.getByRole("heading", { name: zh("meeting.prejoin.title") })).toBeVisible();
  await guestPage.getByRole("button", { name: zh("meeting.join") }).click();
  await expect(guestPage.getByTestId("meeting-room")).toHaveAttribute("data-connection-state", "connected");

  // Every control in the room speaks Chinese; nothing is left in English.
  for (const key of ["meeting.controls.micOff", "meeting.controls.cameraOff", "meeting.controls.leave", "meeting.controls.chat", "meeting.controls.raiseHand"] as const) {
    await expect(guestPage.getByRole("button", { name: zh(key), exact: true })).toBeVisible();
    await expect(guestPage.getByRole("button", { name: en(key), exact: true })).toHaveCount(0);
  }
  await expect(hostPage.getByRole("button", { name: en("meeting.controls.micOff"), exact: true })).toBeVisible();

  await guestPage.getByRole("button", { name: zh("meeting.controls.chat"), exact: true }).click();
  await guestPage.getByLabel(zh("meeting.chat.messageLabel")).fill("你好，大家好");
  await guestPage.getByRole("button", { name: zh("meeting.chat.send"), exact: true }).click();
  await host.openPanel("Chat");
  await expect(host.chatMessages().filter({ hasText: "你好，大家好" })).toHaveCount(1);
  await audit(guestPage, "room in zh-CN");
  // Times in the chat follow each reader's language and clock.
  await expect(guestPage.getByRole("log").getByTestId("chat-message").locator("time")).toHaveText(/^(上午|下午|中午|凌晨|晚上)?\s?\d{1,2}:\d{2}$/);
});

test("the language switcher changes the language at once and is remembered; dates follow it", async ({ newPerson }) => {
  const context = await newPerson({ storageState: STORAGE.host, locale: "en-US" });
  const page = await context.newPage();
  const title = `Localised ${Date.now().toString(36)}`;
  const start = new Date(Date.UTC(2031, 2, 14, 9, 30));
  const local = new Date(start.getTime() - start.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await new DashboardPage(page).scheduleMeeting(title, local);
  const item = page.getByTestId("upcoming-meetings").getByTestId("meeting-item").filter({ hasText: title });
  await expect(item.locator("time")).toHaveText(/Mar 14, 2031/);

  await page.getByLabel(en("shell.language")).selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: zh("dashboard.upcoming") })).toBeVisible();
  await expect(item.locator("time")).toHaveText(/2031年3月14日/);

  await page.reload();
  await expect(page.getByRole("heading", { name: zh("dashboard.upcoming") })).toBeVisible();
  await page.goto("/");
  await expect(page.getByText(zh("common.tagline"))).toBeVisible();

  // ?lang= (what an embedding site uses) wins for that page only.
  await page.goto("/?lang=en");
  await expect(page.getByText(en("common.tagline"))).toBeVisible();
  await page.goto("/");
  await expect(page.getByText(zh("common.tagline"))).toBeVisible();

  await page.getByLabel(zh("shell.language")).selectOption("en");
  await expect(page.getByText(en("common.tagline"))).toBeVisible();
});

test("the theme can be chosen and is remembered", async ({ newPerson }) => {
  const page = await (await newPerson({ colorScheme: "light" })).newPage();
  await page.goto("/");
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.getByLabel("Theme").selectOption("dark");
  await expect.poll(background).not.toBe(light);
  const dark = await background();
  await page.reload();
  expect(await background()).toBe(dark);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
});

test("Chinese captions are stored as recognised and shown in each reader's script: 简体 for zh-CN, 繁體 for zh-TW", async ({ newPerson }) => {
  const hostContext = await newPerson({ storageState: STORAGE.host, locale: "zh-CN" });
  const created = await hostContext.request.post("/api/meetings", { data: { title: "字幕 Script check" } });
  expect(created.status()).toBe(201);
  const { meeting } = (await created.json()) as { meeting: { code: string } };
  // What Whisper base wrote for a short voice command: Traditional 換 for the Simplified 换 that was meant.
  const recognised = "換一首歌。";
  await queryDb(
    `insert into transcript_segments (meeting_id, segment_id, speaker_identity, speaker_name, language, started_at, ended_at, text)
     select id, gen_random_uuid(), 'user_x', 'Wang', 'zh', now(), now(), $2 from meetings where code = $1`,
    [meeting.code, recognised],
  );

  const simplifiedReader = await hostContext.newPage();
  await simplifiedReader.goto(`/m/${meeting.code}/transcript`);
  await expect(simplifiedReader.getByTestId("transcript")).toContainText("换一首歌。");
  await expect(simplifiedReader.getByTestId("transcript").locator("p[lang='zh-CN']")).toHaveCount(1);

  const traditionalReader = await (await newPerson({ storageState: STORAGE.host, locale: "zh-TW" })).newPage();
  await traditionalReader.goto(`/m/${meeting.code}/transcript`);
  await expect(traditionalReader.getByTestId("transcript")).toContainText("換一首歌。");
  await expect(traditionalReader.getByTestId("transcript").locator("p[lang='zh-TW']")).toHaveCount(1);

  // The stored text is what was recognised, not either reader's version.
  const stored = await queryDb<{ text: string }>("select s.text from transcript_segments s join meetings m on m.id = s.meeting_id where m.code = $1", [meeting.code]);
  expect(stored.map((r) => r.text)).toEqual([recognised]);
});

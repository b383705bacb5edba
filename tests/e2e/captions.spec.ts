import { expect, STORAGE, test } from "../fixtures";
import { queryDb } from "../helpers/db";
import { jfkWav, microphoneFile } from "../helpers/speech-clips";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/**
 * Live captions between two real browsers: the host's fake microphone plays real speech (JFK, 11 s,
 * looped with silence between), the host's own browser transcribes it (Silero VAD + Whisper base
 * on onnxruntime-web, WASM here), and the guest sees the words as subtitles and in the transcript
 * panel; the finished segments are stored in PostgreSQL and shown on the transcript page.
 */
test("a speaker's own browser captions their speech for the other participant, and the transcript is stored", async ({ newPerson }) => {
  // Loading the 100 MB model and recognising on two shared CPU cores takes a while; the test waits for the words, not a time.
  test.setTimeout(360_000);
  const hostContext = await newPerson({ storageState: STORAGE.host, chromiumArgs: [`--use-file-for-fake-audio-capture=${microphoneFile(jfkWav())}`] });
  const hostPage = await hostContext.newPage();
  // What the caption pipeline logs goes into the test's output, for a failure's reader.
  hostPage.on("console", (message) => /^\[(captions|voice)\]/.test(message.text()) && console.log(`[host] ${message.text()}`));
  const code = await new DashboardPage(hostPage).createInstantMeeting("Captions check");
  const host = new MeetingPage(hostPage);
  await host.join();
  const hostIdentity = (await (await hostPage.request.get(`/api/meetings/${code}`)).json()).you.identity as string;

  const guestContext = await newPerson();
  const guest = new MeetingPage(await guestContext.newPage());
  guest.page.on("console", (message) => /^\[(captions|voice)\]/.test(message.text()) && console.log(`[guest] ${message.text()}`));
  await guest.open(code);
  await guest.continueAsGuest("Cap Viewer");
  // The guest only listens: their browser then loads no speech model (less load on the test machine).
  await guest.page.getByRole("button", { name: "Turn off microphone" }).click();
  await guest.join();

  await test.step("the host's own voice detector lights the host's tile at the guest while JFK speaks", async () => {
    const hostTile = guest.tile({ identity: hostIdentity, source: "camera" });
    await expect(hostTile).toHaveAttribute("data-speaking-by", "detector", { timeout: 120_000 });
    await expect(hostTile).toHaveAttribute("data-speaking", "true", { timeout: 30_000 });
  });

  await test.step("anyone can turn captions on for the room; everyone is told", async () => {
    await guest.page.getByRole("button", { name: "Turn on captions" }).click();
    await expect(guest.page.getByRole("button", { name: "Hide captions" })).toBeVisible();
    await expect(host.page.getByText("Captions are on.", { exact: false })).toBeVisible();
  });

  await test.step("the host's device loads the model and says so in the transcript panel", async () => {
    await host.page.getByRole("button", { name: "Transcript", exact: true }).click();
    await expect(host.page.getByTestId("caption-status")).toContainText("Your speech is captioned on this device", { timeout: 180_000 });
  });

  await test.step("the guest sees the host's words as subtitles, attributed to the host", async () => {
    const subtitles = guest.page.getByTestId("captions");
    await expect(subtitles).toContainText(/country/i, { timeout: 180_000 });
    await expect(subtitles).toContainText("Hana Host");
  });

  await test.step("finished segments reach the guest's transcript panel and PostgreSQL", async () => {
    await guest.page.getByRole("button", { name: "Transcript", exact: true }).click();
    const finals = guest.page.getByTestId("transcript-entry").and(guest.page.locator('[data-final="true"]'));
    await expect.poll(async () => (await finals.allTextContents()).join(" "), { timeout: 120_000 }).toMatch(/what your country can do for you/i);
    const rows = await queryDb<{ speaker_identity: string; language: string; text: string; started_at: Date; ended_at: Date }>(
      "select s.speaker_identity, s.language, s.text, s.started_at, s.ended_at from transcript_segments s join meetings m on m.id = s.meeting_id where m.code = $1 order by s.started_at",
      [code],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.speaker_identity === hostIdentity && r.language === "en")).toBe(true);
    expect(rows.map((r) => r.text).join(" ")).toMatch(/what your country can do for you/i);
    for (const r of rows) expect(r.ended_at.getTime()).toBeGreaterThan(r.started_at.getTime());
  });

  await test.step("the transcript page shows the stored words to a participant", async () => {
    const page = await guestContext.newPage();
    await page.goto(`/m/${code}/transcript`);
    await expect(page.getByRole("heading", { name: "Transcript of Captions check" })).toBeVisible();
    await expect(page.getByTestId("transcript")).toContainText(/your country/i);
  });

  await test.step("only hosts turn captions off for everyone", async () => {
    const refused = await guest.page.request.post(`/api/meetings/${code}/captions`, { data: { enabled: false } });
    expect(refused.status()).toBe(403);
    await host.page.getByRole("button", { name: "Turn off captions for everyone" }).click();
    await expect(guest.page.getByTestId("captions-button")).toHaveAccessibleName("Turn on captions");
    await expect(guest.page.getByTestId("captions")).toHaveCount(0);
  });
});

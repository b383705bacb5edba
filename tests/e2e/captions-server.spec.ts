import { request as playwrightRequest, type APIRequestContext, type APIResponse, type Request } from "@playwright/test";
import { readFileSync } from "node:fs";
import { speechSegmentWav } from "@/lib/audio/wav";
import { E2E_TRANSCRIPTION_SERVER_NAME } from "../../scripts/lib/stack";
import { startTranscriptionServer } from "../../scripts/lib/transcription-server";
import { expect, launchBrowser, STORAGE, test } from "../fixtures";
import { queryDb } from "../helpers/db";
import { TEST_PORTS } from "../helpers/ports";
import { RoomPresence } from "../helpers/room-presence";
import { jfkWav, microphoneFile } from "../helpers/speech-clips";
import { readWav } from "../helpers/wav";
import { DashboardPage } from "../pages/dashboard-page";
import { MeetingPage } from "../pages/meeting-page";

/**
 * Captions made on the deployment's transcription server (TRANSCRIPTION_SERVER_URL, which the
 * end-to-end app has pointing at TEST_PORTS.e2eTranscription). First the route rules, while nothing
 * listens there; then two real browsers with the real server (faster-whisper-server, Whisper base)
 * started on that port.
 */
const NAME = E2E_TRANSCRIPTION_SERVER_NAME;

async function json<T = Record<string, unknown>>(response: APIResponse, status: number): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

async function errorCode(response: APIResponse, status: number): Promise<string> {
  return (await json<{ error: { code: string } }>(response, status)).error.code;
}

/** One second of JFK's speech as a speaker's browser would send it (16 kHz, 16-bit WAV). */
function speechWav(): Buffer {
  const { samples } = readWav(jfkWav());
  return Buffer.from(speechSegmentWav(samples.subarray(16_000, 48_000)));
}

const transcribe = (ctx: APIRequestContext, code: string, body: Buffer = speechWav(), type = "audio/wav") =>
  ctx.post(`/api/meetings/${code}/captions/transcribe?language=en`, { headers: { "content-type": type }, data: body });

test("only hosts choose the transcription server, never for an encrypted meeting; speech goes there only while chosen; 503 while it is down", async ({ baseURL }) => {
  const host = await playwrightRequest.newContext({ baseURL, storageState: STORAGE.host });
  const participant = await playwrightRequest.newContext({ baseURL, storageState: STORAGE.other });
  const browser = await launchBrowser();
  try {
    const create = async (settings: Record<string, unknown>) => (await json<{ meeting: { code: string } }>(await host.post("/api/meetings", { data: { title: "Server captions", settings } }), 201)).meeting.code;
    const code = await create({});
    const encrypted = await create({ e2ee: true });
    // Both are in the room: the transcribe route serves only people who are.
    const presence = await RoomPresence.open(browser, baseURL!);
    await presence.join("host", await json(await host.post(`/api/meetings/${code}/token`), 200));
    await presence.join("participant", await json(await participant.post(`/api/meetings/${code}/token`), 200));

    await test.step("a participant may turn captions on, but not choose the server", async () => {
      await json(await participant.post(`/api/meetings/${code}/captions`, { data: { enabled: true } }), 200);
      expect(await errorCode(await participant.post(`/api/meetings/${code}/captions`, { data: { server: true } }), 403)).toBe("forbidden:captions_server");
    });

    await test.step("while the host has not chosen the server, no speech is taken", async () => {
      expect(await errorCode(await transcribe(participant, code), 409)).toBe("conflict:captions_server_off");
    });

    await test.step("an end-to-end encrypted meeting never gets the server, and its speech is never taken", async () => {
      await json(await host.post(`/api/meetings/${encrypted}/captions`, { data: { enabled: true } }), 200);
      expect(await errorCode(await host.post(`/api/meetings/${encrypted}/captions`, { data: { server: true } }), 409)).toBe("conflict:captions_server_e2ee");
      expect(await errorCode(await transcribe(host, encrypted), 409)).toBe("conflict:captions_server_e2ee");
      expect(await json(await host.post(`/api/meetings/${encrypted}/captions`, { data: { server: false } }), 200)).toEqual({ captions: true, server: false });
    });

    await test.step("the host chooses the server; it is in the audit log under the name everyone sees", async () => {
      expect(await json(await host.post(`/api/meetings/${code}/captions`, { data: { server: true } }), 200)).toEqual({ captions: true, server: true });
      const rows = await queryDb<{ action: string; detail: { server: string } }>(
        "select a.action, a.detail from audit_log a join meetings m on m.id = a.meeting_id where m.code = $1 and a.action like 'captions.%' order by a.id",
        [code],
      );
      expect(rows.map((r) => r.action)).toEqual(["captions.started", "captions.server_chosen"]);
      expect(rows[1].detail).toEqual({ server: NAME });
    });

    await test.step("what is not a 16 kHz 16-bit WAV is refused before it goes anywhere", async () => {
      expect((await transcribe(participant, code, Buffer.from(JSON.stringify({ audio: "x" })), "application/json")).status()).toBe(415);
      expect(await errorCode(await transcribe(participant, code, Buffer.from("ID3 not a wav at all")), 400)).toBe("bad_request:audio");
    });

    await test.step("nothing answers at the server's address: 503 with Retry-After", async () => {
      const response = await transcribe(participant, code);
      expect(await errorCode(response, 503)).toBe("service_unavailable:transcription_server");
      expect(response.headers()["retry-after"]).toMatch(/^\d+$/);
    });
  } finally {
    await browser.close();
    await host.dispose();
    await participant.dispose();
  }
});

// FIXME (open, issue 19): on its first full run (2026-12-08) the browser → app → faster-whisper-server
// path worked (a caption arrived, attributed and labelled), but in 120 s only one segment came back,
// and misheard: "That's not a country that is as flat as in the U.S." for JFK's "ask not what your
// country…", which the same server transcribes exactly from the WAV file in
// tests/integration/transcription-server.test.ts. Not yet known whether the browser's segment
// encoding (sample rate) or the machine's load is the cause; until it is, this test does not run.
test.fixme("captions made on the real transcription server reach everyone, who are told where they are made; the speaker's browser loads no speech model", async ({ newPerson }) => {
  // Whisper base on the shared two cores, beside two browsers and the SFU: the test waits for the words, not a time.
  test.setTimeout(300_000);
  const server = await startTranscriptionServer({ port: TEST_PORTS.e2eTranscription, threads: 1 });
  try {
    const hostContext = await newPerson({ storageState: STORAGE.host, chromiumArgs: [`--use-file-for-fake-audio-capture=${microphoneFile(jfkWav())}`] });
    const hostPage = await hostContext.newPage();
    hostPage.on("console", (message) => /^\[(captions|voice)\]/.test(message.text()) && console.log(`[host] ${message.text()}`));
    const modelRequests: string[] = [];
    hostPage.on("request", (request: Request) => /whisper-base|asr\.worker/.test(request.url()) && modelRequests.push(request.url()));
    const code = await new DashboardPage(hostPage).createInstantMeeting("Server captions check");
    const host = new MeetingPage(hostPage);
    await host.join();

    const guestContext = await newPerson();
    const guest = new MeetingPage(await guestContext.newPage());
    await guest.open(code);
    await guest.continueAsGuest("Cap Viewer");
    // The guest only listens: one speaker is enough, and less load on the shared machine.
    await guest.page.getByRole("button", { name: "Turn off microphone" }).click();
    await guest.join();

    await test.step("the host chooses the server where captions are controlled, and turns captions on", async () => {
      await hostPage.getByRole("button", { name: "Transcript", exact: true }).click();
      await hostPage.getByLabel(`Make captions on ${NAME}`).check();
      await expect(hostPage.getByLabel(`Make captions on ${NAME}`)).toBeChecked();
      await hostPage.getByRole("button", { name: "Turn on captions" }).first().click();
      await expect(hostPage.getByTestId("caption-status")).toHaveText(`Your speech is sent to ${NAME} for captions.`);
    });

    await test.step("the guest is told, sees the words, and the transcript is stored", async () => {
      await expect(guest.page.getByText(`Captions are on. Everyone's speech is sent to ${NAME}`)).toBeVisible();
      const subtitles = guest.page.getByTestId("captions");
      await expect(subtitles).toContainText(/country/i, { timeout: 180_000 });
      await expect(subtitles.getByTestId("captions-source")).toHaveText(`Captions are made on ${NAME}.`);
      await guest.page.getByRole("button", { name: "Transcript", exact: true }).click();
      await expect(guest.page.getByTestId("captions-made-on")).toHaveText(`Captions are made on ${NAME}.`);
      await expect.poll(async () => (await guest.page.getByTestId("transcript-entry").allTextContents()).join(" "), { timeout: 120_000 }).toMatch(/what your country can do for you/i);
      const rows = await queryDb<{ language: string; text: string }>("select s.language, s.text from transcript_segments s join meetings m on m.id = s.meeting_id where m.code = $1", [code]);
      expect(rows.every((r) => r.language === "en")).toBe(true);
      expect(rows.map((r) => r.text).join(" ")).toMatch(/your country/i);
    });

    await test.step("the host's browser never fetched the on-device speech model", async () => {
      expect(modelRequests).toEqual([]);
    });

    await test.step("back on the speakers' devices, everyone is told", async () => {
      await hostPage.getByLabel(`Make captions on ${NAME}`).uncheck();
      await expect(guest.page.getByText("Captions are now made on each speaker's own device.")).toBeVisible();
      await expect(guest.page.getByTestId("captions-made-on")).toHaveCount(0);
    });
  } finally {
    await server.stop();
  }
});

test.afterAll(() => {
  // The real server's log, for a failure's reader.
  const log = `${process.cwd()}/.data/logs/transcription-server-${TEST_PORTS.e2eTranscription}.log`;
  try {
    console.log(readFileSync(log, "utf8").split("\n").slice(-15).join("\n"));
  } catch {
    // never started: nothing to show
  }
});

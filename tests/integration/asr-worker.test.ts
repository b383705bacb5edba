import { describe, expect, it } from "vitest";
import { captionAssetUrls } from "@/lib/ai/caption-models";
import { RUN_ASR_IN_PAGE, type AsrPageResult } from "../helpers/asr-page";
import { useWorkerPages } from "../helpers/worker-pages";
import { jfkWav } from "../helpers/speech-clips";
import { readWav } from "../helpers/wav";

/**
 * The caption pipeline as the room runs it, in Debian Chromium: the bundled VAD and ASR workers,
 * Silero and the converted Whisper files from public/models, onnxruntime-web from public/ort.
 * Real speech (JFK) goes in at a microphone's pace; partial results come while it is spoken, and a
 * final with the words after each segment ends.
 */
const pages = useWorkerPages();

describe("ASR worker in Chromium", () => {
  it("captions real speech fed in real time: partials while it is spoken, the words in the finals", async () => {
    const page = await pages.browser.newPage();
    await page.goto(`${pages.origin}/`);
    const urls = captionAssetUrls(pages.origin);
    const jfk = readWav(jfkWav());
    const silence = new Array(jfk.sampleRate).fill(0);
    const clip = { name: "jfk", sampleRate: jfk.sampleRate, samples: [...silence, ...jfk.samples, ...silence, ...silence], language: "en" };
    const result = (await page.evaluate(
      `(${RUN_ASR_IN_PAGE})(${JSON.stringify({ vadInit: urls.vad.init, asrInit: { ortUrl: urls.ortUrl, ...urls.asr }, clips: [clip], realtime: true })})`,
    )) as AsrPageResult;
    expect(result.ready.choice.provider).toBe("wasm");
    const [heard] = result.clips;
    expect(heard.segments.length).toBeGreaterThan(0);
    expect(heard.text.toLowerCase()).toMatch(/ask not what your country can do for you/);
    expect(heard.segments.every((s) => s.language === "en")).toBe(true);
    // Segments lie inside the clip, in order.
    for (const [i, s] of heard.segments.entries()) {
      expect(s.endMs).toBeGreaterThan(s.startMs);
      if (i > 0) expect(s.startMs).toBeGreaterThanOrEqual(heard.segments[i - 1].endMs);
    }
    expect(heard.partials).toBeGreaterThan(0);
  }, 600_000);
});

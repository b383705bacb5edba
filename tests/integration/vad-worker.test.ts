import { describe, expect, it } from "vitest";
import { ORT_ASSET_DIR } from "@/lib/ai/assets";
import { modelById, modelUrl } from "@/lib/ai/manifest";
import { RUN_VAD_IN_PAGE, paddedSpeech, type VadPageResult } from "../helpers/vad-page";
import { useWorkerPages } from "../helpers/worker-pages";

/**
 * The voice-activity worker as the browser runs it: the bundled worker (public/workers), the
 * model file the build copied (public/models) and onnxruntime-web from public/ort, in Debian
 * Chromium, fed with espeak-ng speech at the file's own rate (the worker resamples to 16 kHz).
 */
const pages = useWorkerPages({ timeoutMs: 60_000 });

describe("VAD worker in Chromium", () => {
  it("loads Silero on WASM and finds the speech between the silences, at the right times", async () => {
    const page = await pages.browser.newPage();
    await page.goto(`${pages.origin}/`);
    const model = modelById("silero-vad-v5");
    const speech = paddedSpeech("The meeting starts at nine. Please bring the quarterly numbers.");
    const init = { modelUrl: modelUrl(model), ortUrl: `${pages.origin}${ORT_ASSET_DIR}/ort.all.min.mjs`, allowed: model.executionProviders, inputRate: speech.sampleRate };
    const result = (await page.evaluate(`(${RUN_VAD_IN_PAGE})(${JSON.stringify({ init, frames: 50, audio: { samples: speech.samples } })})`)) as VadPageResult;
    expect(result.ready.choice).toMatchObject({ provider: "wasm", reason: "wasm-only-model" });
    expect(result.bench.msPerFrame).toBeGreaterThan(0);
    const segments = result.segments!;
    expect(segments.length).toBeGreaterThanOrEqual(1);
    const [from, to] = speech.speechSeconds;
    expect(segments[0].startMs / 1000).toBeGreaterThan(from - 0.4);
    expect(segments[0].startMs / 1000).toBeLessThan(from + 0.5);
    expect(segments[segments.length - 1].endMs / 1000).toBeGreaterThan(to - 0.8);
    expect(segments[segments.length - 1].endMs / 1000).toBeLessThan(to + 0.3);
    // Each segment carries its 16 kHz audio, as long as the segment.
    for (const s of segments) expect(Math.abs(s.seconds - (s.endMs - s.startMs) / 1000)).toBeLessThan(0.05);
  }, 120_000);
});

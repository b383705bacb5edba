import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SILERO_FRAME, SILERO_RATE } from "@/lib/ai/silero-vad";
import type { VadEvent } from "@/lib/audio/vad-segmenter";
import { conditioned, realClips } from "../helpers/real-speech";
import { loadVad, scoreAndSegment } from "../helpers/vad-node";
import { readWav } from "../helpers/wav";

/**
 * The voice-activity pipeline on real model weights: speech synthesised by espeak-ng (installed by
 * `npm test`), padded with silence, resampled to 16 kHz, cut into frames, scored by Silero VAD
 * (the manifest's file, on onnxruntime-web's WASM backend in Node) and segmented.
 */
function speech(text: string): { sampleRate: number; samples: Float32Array } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "parley-vad-")), "speech.wav");
  const run = spawnSync("espeak-ng", ["-v", "en-us", "-s", "150", "-w", file, text]);
  if (run.status !== 0) throw new Error(`espeak-ng failed: ${run.stderr}`);
  return readWav(file);
}

describe("Silero VAD + segmenter on real speech in a meeting", () => {
  it("finds at least 90 % of two Mandarin speakers' speech when they are quiet, in a room and over noise", async () => {
    const vad = await loadVad();
    const [first, second] = realClips().filter((c) => c.language === "zh");
    // The speech: frames the model calls speech in the clean, close recordings, joined without a pause.
    const clean = conditioned("joined", [first, second]);
    const reference = await scoreAndSegment(vad, clean.sampleRate, clean.samples);
    const speechFrames = reference.probabilities.map((p) => p > 0.5);
    const speechSeconds = (speechFrames.filter(Boolean).length * SILERO_FRAME) / SILERO_RATE;
    expect(speechSeconds).toBeGreaterThan(5); // two utterances of about 3 s each

    // The same two utterances 12 dB quieter, with reverb, over pink noise (tests/media/speech/README.md):
    // what the segmenter hands to speech recognition must cover that speech.
    const meeting = conditioned("meeting-like", [first, second]);
    const heard = await scoreAndSegment(vad, meeting.sampleRate, meeting.samples);
    const found = speechFrames.filter((isSpeech, i) => isSpeech && heard.inSegment[i]).length;
    expect(found / speechFrames.filter(Boolean).length).toBeGreaterThanOrEqual(0.9);
  });
});

describe("Silero VAD + segmenter on synthesised speech", () => {
  it("finds the speech between two seconds of silence, and nothing in the silence", async () => {
    const vad = await loadVad();
    const { sampleRate, samples } = speech("The quick brown fox jumps over the lazy dog. Then it runs back into the forest.");
    const pad = new Float32Array(2 * sampleRate);
    const audio = Float32Array.from([...pad, ...samples, ...pad]);
    const { probabilities, events } = await scoreAndSegment(vad, sampleRate, audio);
    const frameSeconds = SILERO_FRAME / SILERO_RATE;
    const speechStart = 2;
    const speechEnd = 2 + samples.length / sampleRate;
    const segments = events.filter((e): e is Extract<VadEvent, { type: "end" }> => e.type === "end").map((e) => ({ start: e.startFrame * frameSeconds, end: e.endFrame * frameSeconds }));
    expect(segments.length).toBeGreaterThanOrEqual(1);
    // Every segment lies within the speech (give or take the pre-roll and a frame or two)…
    for (const s of segments) {
      expect(s.start).toBeGreaterThan(speechStart - 0.4);
      expect(s.end).toBeLessThan(speechEnd + 0.2);
    }
    // …and together they cover most of it.
    const covered = segments.reduce((sum, s) => sum + (s.end - s.start), 0);
    expect(covered / (speechEnd - speechStart)).toBeGreaterThan(0.7);
    // The silence before it scores low.
    const silence = probabilities.slice(0, Math.floor(1.5 / frameSeconds));
    expect(Math.max(...silence)).toBeLessThan(0.2);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { modelById } from "../../lib/ai/manifest";
import { SILERO_FRAME, SILERO_RATE, SileroVad, type OrtLike, type OrtSession } from "../../lib/ai/silero-vad";
import { FrameSplitter } from "../../lib/audio/framing";
import { Resampler } from "../../lib/audio/resample";
import { VadSegmenter, type VadEvent } from "../../lib/audio/vad-segmenter";

/**
 * Silero VAD in Node, for tests and evaluations: the manifest's weights on onnxruntime-web's own
 * Node build (the WASM backend the browser uses), with the room's frame splitting and segmenter.
 */
export async function loadVad(options?: { context: boolean }): Promise<SileroVad> {
  // Loaded by path: the package exports no "./node".
  const ortUrl = pathToFileURL(path.resolve("node_modules/onnxruntime-web/dist/ort.node.min.mjs")).href;
  const ort = (await import(/* @vite-ignore */ ortUrl)) as OrtLike & {
    InferenceSession: { create(bytes: Uint8Array, options: object): Promise<OrtSession> };
    env: { wasm: { numThreads: number } };
  };
  ort.env.wasm.numThreads = 1;
  const model = modelById("silero-vad-v5");
  const bytes = readFileSync(path.resolve("node_modules", model.source.package, model.source.path));
  return new SileroVad(ort, await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"] }), options);
}

export const VAD_FRAME_SECONDS = SILERO_FRAME / SILERO_RATE;

/** Each 512-sample frame's speech probability, the segmenter's events, and which frames it hands on as speech. */
export async function scoreAndSegment(vad: SileroVad, sampleRate: number, audio: Float32Array): Promise<{ probabilities: number[]; events: VadEvent[]; inSegment: boolean[] }> {
  vad.reset();
  const resampler = new Resampler(sampleRate, SILERO_RATE);
  const splitter = new FrameSplitter(SILERO_FRAME);
  const segmenter = new VadSegmenter();
  const probabilities: number[] = [];
  const events: VadEvent[] = [];
  for (let i = 0; i < audio.length; i += 4096) {
    for (const frame of splitter.push(resampler.process(audio.subarray(i, i + 4096)))) {
      const p = await vad.process(frame);
      probabilities.push(p);
      events.push(...segmenter.push(p));
    }
  }
  events.push(...segmenter.flush());
  const inSegment = probabilities.map(() => false);
  for (const e of events) if (e.type === "end") inSegment.fill(true, e.startFrame, e.endFrame);
  return { probabilities, events, inSegment };
}

/** The speech frames of a clean recording: those the model scores above 0.5 (the reference for coverage). */
export async function speechFrames(vad: SileroVad, sampleRate: number, audio: Float32Array): Promise<boolean[]> {
  return (await scoreAndSegment(vad, sampleRate, audio)).probabilities.map((p) => p > 0.5);
}

/** Share of the reference speech frames that lie inside the given spans (seconds). */
export function coverage(speech: readonly boolean[], spans: ReadonlyArray<{ start: number; end: number }>): number {
  const total = speech.filter(Boolean).length;
  if (total === 0) return 0;
  let found = 0;
  speech.forEach((isSpeech, i) => {
    const t = (i + 0.5) * VAD_FRAME_SECONDS;
    if (isSpeech && spans.some((s) => t >= s.start && t < s.end)) found++;
  });
  return found / total;
}

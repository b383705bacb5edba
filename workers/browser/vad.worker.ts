/// <reference lib="webworker" />
/**
 * Voice activity in a worker: Silero VAD (models/manifest.json "silero-vad-v5") on onnxruntime-web,
 * fed with the microphone's samples. Bundled by scripts/build-workers.ts to /workers/vad.worker.js
 * (a module worker); onnxruntime-web itself is imported from /ort by URL, not bundled.
 * Protocol: lib/ai/vad-protocol.ts.
 */
import { hasWebGpuAdapter, importOrt, type WorkerOrt } from "../../lib/ai/ort-worker";
import { chooseProvider, type Provider } from "../../lib/ai/provider";
import { SILERO_FRAME, SILERO_RATE, SileroVad, type OrtSession } from "../../lib/ai/silero-vad";
import type { VadRequest, VadResponse } from "../../lib/ai/vad-protocol";
import { FrameSplitter } from "../../lib/audio/framing";
import { Resampler } from "../../lib/audio/resample";
import { DEFAULT_VAD_OPTIONS, VadSegmenter } from "../../lib/audio/vad-segmenter";

declare const self: DedicatedWorkerGlobalScope;


let vad: SileroVad | null = null;
let provider: Provider = "wasm";
let resampler: Resampler | null = null;
const splitter = new FrameSplitter(SILERO_FRAME);
let segmenter = new VadSegmenter();
/** Audio kept after a segment's end (the silence that ended it starts there): a word's last consonant is often quiet. */
let postRollFrames = 0;
/** A segment that starts this soon after the previous one ended takes the gap too (a soft word may hide there). */
let bridgeFrames = 0;
let lastEndFrame = -Infinity;
/** Speech shorter than this is held for `bridgeFrames` and joined to what follows: one word alone is easily misheard. */
let minFinalFrames = 0;
let held: { startFrame: number; endFrame: number } | null = null;
/** A segment's start reaches this far back before the frame that started it. */
let preRollFrames = 0;
/** 16 kHz audio since the current segment's pre-roll, so a finished segment can be handed out. */
let history: Float32Array[] = [];
let historyStartFrame = 0;
let framesSeen = 0;
let speaking = false;
/** Frames between progress reports while speaking (0: none), and where the current segment began. */
let progressFrames = 0;
let segmentStartFrame = -1;
let lastProgressFrame = 0;
let queue: Promise<void> = Promise.resolve();

const FRAME_MS = (SILERO_FRAME / SILERO_RATE) * 1000;
const post = (message: VadResponse, transfer: Transferable[] = []) => self.postMessage(message, transfer);

/** A reference input: half a second of a voiced vowel-like signal (for WebGPU validation and benchmarks). */
function referenceFrame(index: number): Float32Array {
  return Float32Array.from({ length: SILERO_FRAME }, (_, i) => {
    const t = (index * SILERO_FRAME + i) / SILERO_RATE;
    return 0.3 * Math.sin(2 * Math.PI * 140 * t) + 0.2 * Math.sin(2 * Math.PI * 700 * t) + 0.1 * Math.sin(2 * Math.PI * 1200 * t);
  });
}

async function scoreReference(ort: WorkerOrt, session: OrtSession): Promise<number[]> {
  const model = new SileroVad(ort, session);
  const out: number[] = [];
  for (let i = 0; i < 16; i++) out.push(await model.process(referenceFrame(i)));
  return out;
}

async function init(request: Extract<VadRequest, { type: "init" }>) {
  const started = performance.now();
  const ort = await importOrt(request.ortUrl);
  const bytes = new Uint8Array(await (await fetch(request.modelUrl)).arrayBuffer());
  const wasm = await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"] });
  const hasWebGpu = await hasWebGpuAdapter();
  const allowed = request.force ? [request.force] : request.allowed;
  let validation: { wasm: number[]; webgpu: number[] } | { error: string } | undefined;
  let webgpu: OrtSession | null = null;
  if (allowed.includes("webgpu") && hasWebGpu) {
    try {
      webgpu = await ort.InferenceSession.create(bytes, { executionProviders: ["webgpu"] });
      validation = { wasm: await scoreReference(ort, wasm), webgpu: await scoreReference(ort, webgpu) };
    } catch (error) {
      validation = { error: error instanceof Error ? error.message : String(error) };
    }
  }
  const choice = chooseProvider({ allowed: request.force === "webgpu" ? ["webgpu", "wasm"] : allowed, hasWebGpu, validation });
  provider = choice.provider;
  vad = new SileroVad(ort, provider === "webgpu" && webgpu ? webgpu : wasm);
  resampler = new Resampler(request.inputRate, SILERO_RATE);
  progressFrames = request.progressMs ? Math.max(1, Math.round(request.progressMs / FRAME_MS)) : 0;
  segmenter = new VadSegmenter(request.segmenter);
  postRollFrames = Math.round((request.postRollMs ?? 0) / FRAME_MS);
  bridgeFrames = Math.round((request.bridgeMs ?? 0) / FRAME_MS);
  minFinalFrames = Math.round((request.minFinalMs ?? 0) / FRAME_MS);
  preRollFrames = Math.round((request.segmenter?.preRollMs ?? DEFAULT_VAD_OPTIONS.preRollMs) / FRAME_MS);
  post({ type: "ready", choice, loadMs: Math.round(performance.now() - started) });
}

async function feed(samples: Float32Array) {
  if (!vad || !resampler) return;
  for (const frame of splitter.push(resampler.process(samples))) {
    history.push(frame);
    framesSeen++;
    const probability = await vad.process(frame);
    for (const event of segmenter.push(probability)) handle(event);
    if (segmenter.isSpeaking !== speaking) {
      speaking = segmenter.isSpeaking;
      post({ type: "speaking", speaking, probability });
    }
    if (!segmenter.isSpeaking) {
      // A segment starting now would begin a pre-roll back: past the bridge, the held one is final.
      if (held && framesSeen - preRollFrames - held.endFrame > bridgeFrames) releaseHeld();
      trimHistory();
    } else if (progressFrames && segmentStartFrame >= 0 && framesSeen - lastProgressFrame >= progressFrames) {
      lastProgressFrame = framesSeen;
      const audio = audioOf(segmentStartFrame, framesSeen);
      post({ type: "progress", startMs: Math.round(segmentStartFrame * FRAME_MS), endMs: Math.round(framesSeen * FRAME_MS), audio }, [audio.buffer]);
    }
  }
}

/** The kept 16 kHz audio of frames [startFrame, endFrame). */
function audioOf(startFrame: number, endFrame: number): Float32Array {
  const frames = history.slice(Math.max(0, startFrame - historyStartFrame), endFrame - historyStartFrame);
  const audio = new Float32Array(frames.length * SILERO_FRAME);
  frames.forEach((f, i) => audio.set(f, i * SILERO_FRAME));
  return audio;
}

/** Where a segment starting at `startFrame` really starts: a held word before it, or the gap since the last one, is joined. */
function bridgedStart(startFrame: number): number {
  if (held) return held.startFrame;
  return startFrame - lastEndFrame <= bridgeFrames ? Math.max(lastEndFrame, 0) : startFrame;
}

function handle(event: ReturnType<VadSegmenter["push"]>[number]) {
  if (event.type === "start") {
    segmentStartFrame = bridgedStart(event.startFrame);
    lastProgressFrame = framesSeen;
    return;
  }
  segmentStartFrame = -1;
  if (event.type !== "end") return;
  const startFrame = bridgedStart(event.startFrame);
  held = null;
  // A cut segment runs straight into the next one: nothing to add after it.
  const endFrame = event.cut ? event.endFrame : Math.min(event.endFrame + postRollFrames, framesSeen);
  lastEndFrame = endFrame;
  if (!event.cut && event.endFrame - event.startFrame < minFinalFrames) held = { startFrame, endFrame };
  else postSegment(startFrame, endFrame, event.cut);
}

function postSegment(startFrame: number, endFrame: number, cut: boolean) {
  const audio = audioOf(startFrame, endFrame);
  post({ type: "segment", startMs: Math.round(startFrame * FRAME_MS), endMs: Math.round(endFrame * FRAME_MS), cut, audio }, [audio.buffer]);
}

/** Nobody went on speaking: the held short segment is final as it is. */
function releaseHeld() {
  if (!held) return;
  postSegment(held.startFrame, held.endFrame, false);
  held = null;
}

/** Outside speech only the pre-roll (or the gap a next segment may bridge, or a held word) is worth keeping. */
function trimHistory() {
  const keep = Math.max(8, bridgeFrames, held ? framesSeen - held.startFrame : 0);
  if (history.length > keep) {
    historyStartFrame += history.length - keep;
    history = history.slice(-keep);
  }
}

async function bench(frames: number) {
  if (!vad) throw new Error("Not initialised");
  const started = performance.now();
  for (let i = 0; i < frames; i++) await vad.process(referenceFrame(i));
  post({ type: "bench", provider, frames, msPerFrame: (performance.now() - started) / frames });
  vad.reset();
}

self.onmessage = (event: MessageEvent<VadRequest>) => {
  const request = event.data;
  // One at a time, in order: the model's state runs from frame to frame.
  queue = queue
    .then(async () => {
      if (request.type === "init") await init(request);
      else if (request.type === "audio") await feed(request.samples);
      else if (request.type === "flush") {
        for (const e of segmenter.flush()) handle(e);
        releaseHeld();
      }
      else if (request.type === "bench") await bench(request.frames);
    })
    .catch((error: unknown) => post({ type: "error", message: error instanceof Error ? error.message : String(error) }));
};

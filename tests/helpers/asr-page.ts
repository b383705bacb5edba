/**
 * In-page code (plain JS: it runs in Chromium as is) that runs the caption pipeline as the room does
 * — the VAD worker cuts speech into segments, the ASR worker (Whisper) turns each into text — on
 * clips of audio: `({ vadInit, asrInit, clips, realtime }) => { ready, clips }`. With `realtime`,
 * audio is fed at the pace a microphone delivers it, with partial results on, and each final's
 * latency is measured from the end of its speech (as the VAD placed it) to the text. Shared by the
 * ASR worker's integration test, bench:audio-ai and eval:asr.
 */
export const RUN_ASR_IN_PAGE = `async ({ vadInit, asrInit, clips, realtime }) => {
  const asr = new Worker("/workers/asr.worker.js", { type: "module" });
  const asrInbox = [];
  let wakeAsr = null;
  asr.onmessage = (e) => { asrInbox.push({ ...e.data, at: performance.now() }); wakeAsr?.(); };
  const nextAsr = async (match) => {
    for (;;) {
      const i = asrInbox.findIndex((m) => match(m) || (m.type === "error" && !m.id));
      if (i >= 0) { const m = asrInbox.splice(i, 1)[0]; if (m.type === "error") throw new Error(m.message); return m; }
      await new Promise((r) => (wakeAsr = r));
    }
  };
  const loadStarted = performance.now();
  asr.postMessage({ type: "init", ...asrInit });
  const ready = await nextAsr((m) => m.type === "ready");
  ready.wallMs = Math.round(performance.now() - loadStarted);
  const out = [];
  for (const clip of clips) {
    // Each clip is another speaker: the worker forgets the last one's language and words.
    asr.postMessage({ type: "reset" });
    const vad = new Worker("/workers/vad.worker.js", { type: "module" });
    const segments = [];
    let vadReady = null;
    const vadDone = new Promise((resolve) => {
      vad.onmessage = (e) => {
        const m = e.data;
        if (m.type === "ready") vadReady?.();
        else if (m.type === "error") console.error("vad", m.message);
        else if (m.type === "segment" || m.type === "progress") {
          // As in the room: a segment's partials and its final share an id (the worker drops a stale partial for its final).
          const id = "s" + m.startMs;
          if (m.type === "segment") segments.push({ id, startMs: m.startMs, endMs: m.endMs, cut: m.cut, sentAt: performance.now() });
          asr.postMessage({ type: "transcribe", id, audio: m.audio, language: clip.language, final: m.type === "segment" }, [m.audio.buffer]);
        } else if (m.type === "bench") resolve();
      };
    });
    await new Promise((r) => { vadReady = r; vad.postMessage({ type: "init", ...vadInit, inputRate: clip.sampleRate, progressMs: realtime ? vadInit.progressMs : undefined }); });
    const samples = Float32Array.from(clip.samples);
    const chunk = 4096;
    const t0 = performance.now();
    for (let i = 0; i < samples.length; i += chunk) {
      if (realtime) {
        const due = t0 + (i / clip.sampleRate) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      vad.postMessage({ type: "audio", samples: samples.slice(i, i + chunk) });
    }
    vad.postMessage({ type: "flush" });
    vad.postMessage({ type: "bench", frames: 1 });
    await vadDone;
    vad.terminate();
    const results = [];
    for (const s of segments) {
      const r = await nextAsr((m) => m.type === "result" && m.final && m.id === s.id);
      results.push({
        startMs: s.startMs, endMs: s.endMs, cut: s.cut, text: r.text, language: r.language,
        noSpeechProb: Number(r.noSpeechProb.toFixed(3)), avgLogprob: Number(r.avgLogprob.toFixed(3)),
        compressionRatio: Number(r.compressionRatio.toFixed(2)), temperature: r.temperature, languageProbability: Number(r.languageProbability.toFixed(3)),
        audioSeconds: Number(r.audioSeconds.toFixed(2)), encodeMs: Math.round(r.encodeMs), decodeMs: Math.round(r.decodeMs),
        realTimeFactor: Number(((r.encodeMs + r.decodeMs) / (r.audioSeconds * 1000)).toFixed(3)),
        latencyMs: realtime ? Math.round(r.at - (t0 + s.endMs)) : undefined,
      });
    }
    const partials = asrInbox.filter((m) => m.type === "partial" || (m.type === "result" && !m.final)).length;
    asrInbox.length = 0;
    out.push({ name: clip.name, segments: results, text: results.map((r) => r.text).join(" ").trim(), partials });
  }
  asr.terminate();
  return { ready, clips: out };
}`;

export type AsrPageSegment = {
  startMs: number;
  endMs: number;
  cut: boolean;
  text: string;
  language: "en" | "zh";
  noSpeechProb: number;
  avgLogprob: number;
  compressionRatio: number;
  temperature: number;
  languageProbability: number;
  audioSeconds: number;
  encodeMs: number;
  decodeMs: number;
  realTimeFactor: number;
  latencyMs?: number;
};

export type AsrPageResult = {
  ready: { choice: { provider: string; reason: string; difference?: number }; loadMs: number; wallMs: number };
  clips: Array<{ name: string; segments: AsrPageSegment[]; text: string; partials: number }>;
};

export type AsrPageClip = { name: string; sampleRate: number; samples: number[]; language: "en" | "zh" | "auto" };

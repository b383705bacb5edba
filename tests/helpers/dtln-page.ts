/**
 * In-page code (plain JS: it runs in Chromium as is) that plays audio through DTLN as the room
 * wires it — the DTLN worker (onnxruntime-web, the models from /models) and the DTLN AudioWorklet
 * joined by a MessageChannel — in a real-time AudioContext at 48 kHz (the worker has to keep up, so
 * an OfflineAudioContext, which renders as fast as it can, would not show what a call gets).
 * A capture worklet records, quantum by quantum, the input (channel "raw") and the worklet's output
 * side by side, so they are aligned sample for sample without guessing where playback began:
 * `({ workerUrl, workletUrl, ortUrl, models, input, bypass, benchHops, waitQuanta }) =>
 *   { latencySamples, blockSize, timing, stats, raw, output }` (raw/output base64 float32).
 * Shared by the integration test, eval:ns and bench:audio-ai.
 */
import type { DtlnTiming } from "@/lib/audio/dtln-protocol";
import { fromBase64 } from "./ns-page";

export const RUN_DTLN_IN_PAGE = `async ({ workerUrl, workletUrl, ortUrl, models, input, bypass, benchHops, waitQuanta }) => {
  const rate = 48000;
  const bin = atob(input);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const source = new Float32Array(bytes.buffer);

  const worker = new Worker(workerUrl, { type: "module" });
  const channel = new MessageChannel();
  const ready = await new Promise((resolve, reject) => {
    worker.onmessage = (e) => (e.data.type === "ready" ? resolve(e.data) : e.data.type === "error" ? reject(new Error(e.data.message)) : null);
    worker.onerror = (e) => reject(new Error(e.message || "the DTLN worker failed to load"));
    worker.postMessage({ type: "init", ortUrl, models, bypass: Boolean(bypass), benchHops: benchHops || 0, port: channel.port1 }, [channel.port1]);
  });
  let workerError = null;
  worker.onmessage = (e) => { if (e.data.type === "error") workerError = e.data.message; };

  const context = new AudioContext({ sampleRate: rate, latencyHint: "interactive" });
  const capture = "class C extends AudioWorkletProcessor { constructor() { super(); this.raw = []; this.out = []; this.port.onmessage = () => this.port.postMessage({ raw: this.raw, out: this.out }); }" +
    " process(inputs) { const a = inputs[0][0], b = inputs[1][0]; if (a || b) { this.raw.push(a ? a.slice() : new Float32Array(128)); this.out.push(b ? b.slice() : new Float32Array(128)); } return true; } }" +
    " registerProcessor('parley-test-capture', C);";
  await context.audioWorklet.addModule(URL.createObjectURL(new Blob([capture], { type: "text/javascript" })));
  await context.audioWorklet.addModule(workletUrl);
  const node = new AudioWorkletNode(context, "parley-dtln", { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1], channelCount: 1, channelCountMode: "explicit", processorOptions: waitQuanta ? { waitQuanta } : {} });
  const messages = [];
  let onStats = null;
  node.port.onmessage = (e) => { messages.push(e.data); if (e.data.type === "stats" && onStats) onStats(e.data); };
  node.port.postMessage({ type: "connect", port: channel.port2 }, [channel.port2]);
  const tap = new AudioWorkletNode(context, "parley-test-capture", { numberOfInputs: 2, numberOfOutputs: 1, outputChannelCount: [1], channelCount: 1, channelCountMode: "explicit" });
  const buffer = context.createBuffer(1, source.length, rate);
  buffer.getChannelData(0).set(source);
  const player = context.createBufferSource();
  player.buffer = buffer;
  player.connect(node).connect(tap, 0, 1);
  player.connect(tap, 0, 0);
  tap.connect(context.destination);
  await context.resume();
  player.start();
  await new Promise((r) => setTimeout(r, (source.length / rate) * 1000 + 600));
  const stats = await new Promise((resolve) => { onStats = resolve; node.port.postMessage({ type: "stats" }); });
  const recorded = await new Promise((resolve) => { tap.port.onmessage = (e) => resolve(e.data); tap.port.postMessage("send"); });
  await context.close();
  worker.terminate();
  const error = messages.find((m) => m.type === "error");
  if (error) throw new Error(error.message);
  if (workerError) throw new Error(workerError);
  const info = messages.find((m) => m.type === "ready");
  if (!info) throw new Error("the worklet never said it was ready");
  const join = (parts) => { const all = new Float32Array(parts.length * 128); parts.forEach((p, i) => all.set(p, i * 128)); return all; };
  const b64 = (samples) => { const u = new Uint8Array(samples.buffer); let s = ""; for (let i = 0; i < u.length; i += 0x8000) s += String.fromCharCode.apply(null, u.subarray(i, i + 0x8000)); return btoa(s); };
  return { latencySamples: info.latencySamples, blockSize: info.blockSize, timing: ready.timing, stats: { hops: stats.hops, underruns: stats.underruns }, raw: b64(join(recorded.raw)), output: b64(join(recorded.out)) };
}`;

/**
 * The same worker and worklet in an OfflineAudioContext, paced by the worker: rendering stops every
 * `waitQuanta` render quanta (before any hop's deadline) until every hop sent so far is back, so
 * the output is what DTLN gives when the device keeps up, whatever else this machine is doing
 * (the quality figures; the real-time run above shows the timing). Output aligned with the input.
 * `({ workerUrl, workletUrl, ortUrl, models, input, waitQuanta }) => { latencySamples, stats, renderMs, output }`.
 */
export const RUN_DTLN_PACED_IN_PAGE = `async ({ workerUrl, workletUrl, ortUrl, models, input, waitQuanta }) => {
  const rate = 48000;
  const bin = atob(input);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const source = new Float32Array(bytes.buffer);
  const worker = new Worker(workerUrl, { type: "module" });
  const channel = new MessageChannel();
  await new Promise((resolve, reject) => {
    worker.onmessage = (e) => (e.data.type === "ready" ? resolve(e.data) : e.data.type === "error" ? reject(new Error(e.data.message)) : null);
    worker.onerror = (e) => reject(new Error(e.message || "the DTLN worker failed to load"));
    worker.postMessage({ type: "init", ortUrl, models, benchHops: 0, port: channel.port1 }, [channel.port1]);
  });
  const pad = 8192; // > latency (3120 by default) + one pause step
  const context = new OfflineAudioContext({ numberOfChannels: 1, length: source.length + pad, sampleRate: rate });
  await context.audioWorklet.addModule(workletUrl);
  const node = new AudioWorkletNode(context, "parley-dtln", { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1], channelCount: 1, channelCountMode: "explicit", processorOptions: { waitQuanta } });
  let ready = null;
  let failure = null;
  let answer = null;
  node.port.onmessage = (e) => {
    if (e.data.type === "ready") ready = e.data;
    else if (e.data.type === "error") failure = e.data.message;
    else if (e.data.type === "stats" && answer) answer(e.data);
  };
  node.port.postMessage({ type: "connect", port: channel.port2 }, [channel.port2]);
  const buffer = context.createBuffer(1, source.length, rate);
  buffer.getChannelData(0).set(source);
  const player = context.createBufferSource();
  player.buffer = buffer;
  player.connect(node).connect(context.destination);
  player.start();
  const ask = () => new Promise((resolve) => { answer = resolve; node.port.postMessage({ type: "stats" }); });
  // Pauses at whole quanta (a frame into one: a time a rounding error below it would pause a quantum early).
  const stepFrames = waitQuanta * 128;
  const lastFrame = source.length + pad - 128;
  let stats = null;
  const pause = (frame) => context.suspend((frame + 1) / rate).then(async () => {
    for (;;) {
      stats = await ask();
      if (stats.waiting === 0) break;
      await new Promise((r) => setTimeout(r, 1));
    }
    if (frame + stepFrames < lastFrame) pause(frame + stepFrames);
    context.resume();
  });
  // The first pause, after one quantum, also makes sure the worklet has taken the worker's port
  // (it answers on the port the "connect" came by, in order) before a hop is complete.
  pause(128);
  const started = performance.now();
  const rendered = await context.startRendering();
  const renderMs = performance.now() - started;
  // The worklet may be gone once rendering is over: the counts are those of the last pause, which
  // comes after every sample kept below (the pad is longer than the latency plus one step).
  worker.terminate();
  if (failure) throw new Error(failure);
  if (!ready) throw new Error("the worklet never said it was ready");
  const output = rendered.getChannelData(0).slice(ready.latencySamples, ready.latencySamples + source.length);
  const u = new Uint8Array(output.buffer);
  let text = "";
  for (let i = 0; i < u.length; i += 0x8000) text += String.fromCharCode.apply(null, u.subarray(i, i + 0x8000));
  return { latencySamples: ready.latencySamples, stats: { hops: stats.hops, underruns: stats.underruns }, renderMs, output: btoa(text) };
}`;

export type DtlnPacedResult = { latencySamples: number; stats: { hops: number; underruns: number }; renderMs: number; output: string };

export type DtlnPageResult = {
  latencySamples: number;
  blockSize: number;
  timing: DtlnTiming | null;
  stats: { hops: number; underruns: number };
  raw: string;
  output: string;
};

/**
 * The result in Node: the captured input and output (from the capture's first quantum), and the
 * output lined up with `length` samples of the input as played (the worklet's latency removed).
 */
export function decodeDtlnResult(result: DtlnPageResult, length: number) {
  const raw = fromBase64(result.raw);
  const output = fromBase64(result.output);
  // Playback starts a few quanta into the capture; the mixtures begin with noise, never exact zeros.
  const start = raw.findIndex((v) => v !== 0);
  const aligned = output.slice(start + result.latencySamples, start + result.latencySamples + length);
  return { raw, output, start, played: raw.slice(start, start + length), aligned };
}

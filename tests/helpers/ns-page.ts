/**
 * In-page code (plain JS: it runs in Chromium as is) that renders audio through the RNNoise
 * AudioWorklet in an OfflineAudioContext at 48 kHz, exactly the processor the room uses:
 * `({ workletUrl, input, seconds, bypass }) => { latencySamples, blockSize, renderMs, output }`.
 * `input` and `output` are base64 float32 (a JSON array of a million numbers is slow to pass);
 * `seconds` loops the input to that length; the output is aligned with the input (the worklet's
 * latency removed). Shared by the worklet's integration test, eval:ns and bench:audio-ai.
 */
export const RUN_NS_IN_PAGE = `async ({ workletUrl, input, seconds, bypass }) => {
  const rate = 48000;
  const bin = atob(input);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const source = new Float32Array(bytes.buffer);
  const length = seconds ? Math.round(seconds * rate) : source.length;
  const pad = 2048; // more than any latency, so the tail of the input comes out too
  const context = new OfflineAudioContext({ numberOfChannels: 1, length: length + pad, sampleRate: rate });
  await context.audioWorklet.addModule(workletUrl);
  const buffer = context.createBuffer(1, length, rate);
  const channel = buffer.getChannelData(0);
  for (let i = 0; i < length; i++) channel[i] = source[i % source.length];
  const player = context.createBufferSource();
  player.buffer = buffer;
  const node = new AudioWorkletNode(context, "parley-rnnoise", {
    numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1], channelCount: 1, channelCountMode: "explicit",
    processorOptions: { bypass: Boolean(bypass) },
  });
  const said = new Promise((resolve) => (node.port.onmessage = (e) => resolve(e.data)));
  let failure = null;
  node.onprocessorerror = (e) => (failure = e.message || "processor error");
  player.connect(node).connect(context.destination);
  player.start();
  const started = performance.now();
  const rendered = await context.startRendering();
  const renderMs = performance.now() - started;
  const message = await Promise.race([said, new Promise((r) => setTimeout(() => r(null), 2000))]);
  if (failure) throw new Error(failure);
  if (!message) throw new Error("the worklet never said it was ready");
  if (message.type === "error") throw new Error(message.message);
  const output = rendered.getChannelData(0).slice(message.latencySamples, message.latencySamples + length);
  const outBytes = new Uint8Array(output.buffer);
  let text = "";
  for (let i = 0; i < outBytes.length; i += 0x8000) text += String.fromCharCode.apply(null, outBytes.subarray(i, i + 0x8000));
  return { latencySamples: message.latencySamples, blockSize: message.blockSize, renderMs, output: btoa(text) };
}`;

export type NsPageResult = { latencySamples: number; blockSize: number; renderMs: number; output: string };

export function toBase64(samples: Float32Array): string {
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength).toString("base64");
}

export function fromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, "base64");
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

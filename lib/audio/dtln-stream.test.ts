import { describe, expect, it } from "vitest";
import { BYPASS_STAGE, DtlnBlocks } from "./dtln-blocks";
import { DTLN_DEFAULT_WAIT_QUANTA } from "./dtln-protocol";
import { DtlnStream, minimumFifoDelay } from "./dtln-stream";

const QUANTUM = 128;
/** 300 Hz + 1 kHz at 48 kHz: well inside what 16 kHz carries, so the resamplers keep it. */
const input = Float32Array.from({ length: 48_000 * 2 }, (_, i) => 0.4 * Math.sin((2 * Math.PI * 300 * i) / 48_000) + 0.2 * Math.sin((2 * Math.PI * 1000 * i) / 48_000 + 0.5));

type Worker = (seq: number, samples: Float32Array) => Promise<Float32Array | null>;

/** Runs the stream quantum by quantum; after each, the "worker" answers what it was sent (or not: null). */
async function render(worker: Worker, waitQuanta = DTLN_DEFAULT_WAIT_QUANTA) {
  const sent: Array<{ seq: number; samples: Float32Array }> = [];
  const stream = new DtlnStream({ quantum: QUANTUM, waitQuanta, send: (seq, samples) => sent.push({ seq, samples }) });
  const output = new Float32Array(input.length);
  for (let at = 0; at < input.length; at += QUANTUM) {
    stream.process(input.subarray(at, at + QUANTUM), output.subarray(at, at + QUANTUM));
    for (const { seq, samples } of sent.splice(0)) {
      const back = await worker(seq, samples);
      if (back) stream.receive(seq, back);
    }
  }
  return { stream, output };
}

/** Largest difference between output[t] and input[t − latency], after the start-up. */
function misfit(output: Float32Array, latency: number, sign = 1): number {
  let worst = 0;
  for (let t = latency + 2000; t < output.length; t++) worst = Math.max(worst, Math.abs(output[t] - sign * input[t - latency]));
  return worst;
}

describe("DtlnStream", () => {
  it("with a worker that keeps up, gives back every sample once, in order, a fixed latency later, with no underruns", async () => {
    const blocks = new DtlnBlocks(BYPASS_STAGE);
    const { stream, output } = await render((_, samples) => blocks.process(samples));
    expect(stream.latencySamples).toBe(minimumFifoDelay(QUANTUM, DTLN_DEFAULT_WAIT_QUANTA) + 1152);
    expect(stream.underruns).toBe(0);
    expect(stream.hops).toBeGreaterThan(240);
    expect(misfit(output, stream.latencySamples)).toBeLessThan(2e-3);
    // One sample either way would be far off: the latency is exact.
    expect(misfit(output, stream.latencySamples + 1)).toBeGreaterThan(2e-2);
  });

  it("when the worker never answers, passes the input through at the same latency and counts every hop as an underrun", async () => {
    const { stream, output } = await render(async () => null);
    expect(stream.underruns).toBe(stream.hops);
    expect(misfit(output, stream.latencySamples)).toBeLessThan(2e-3);
  });

  it("when the worker misses some deadlines, uses its hops where they came in time and the input elsewhere, never repeating one", async () => {
    // The "model" negates its output, so each hop shows where it came from.
    const blocks = new DtlnBlocks(BYPASS_STAGE);
    const { stream, output } = await render(async (seq, samples) => {
      const hop = await blocks.process(samples);
      return seq % 7 === 3 ? null : hop.map((v) => -v);
    });
    expect(stream.underruns).toBe(Math.ceil((stream.hops - 3) / 7));
    // Every 48 kHz stretch of a hop is either the negated input or the input (the edges blend through the upsampler).
    let negated = 0;
    let plain = 0;
    for (let t = stream.latencySamples + 2000; t + 384 <= output.length; t += 384) {
      const mid = t + 192;
      if (Math.abs(output[mid] + input[mid - stream.latencySamples]) < 1e-2) negated++;
      else if (Math.abs(output[mid] - input[mid - stream.latencySamples]) < 1e-2) plain++;
    }
    expect(negated + plain).toBe(Math.floor((output.length - stream.latencySamples - 2000) / 384));
    expect(plain / (negated + plain)).toBeCloseTo(1 / 7, 1);
  });

  it.each([
    [4, "all used"],
    [7, "all dropped"],
  ] as const)("with a 6-quantum deadline, hops that come back %i quanta after they were sent are %s", async (replyAfter, _outcome) => {
    const blocks = new DtlnBlocks(BYPASS_STAGE);
    const inFlight: Array<{ seq: number; at: number; samples: Promise<Float32Array> }> = [];
    let quantum = 0;
    const stream = new DtlnStream({ quantum: QUANTUM, waitQuanta: 6, send: (seq, samples) => inFlight.push({ seq, at: quantum + replyAfter, samples: blocks.process(samples).then((h) => h.map((v) => -v)) }) });
    const output = new Float32Array(input.length);
    for (; quantum * QUANTUM < input.length; quantum++) {
      for (const reply of inFlight.filter((r) => r.at === quantum)) stream.receive(reply.seq, await reply.samples);
      stream.process(input.subarray(quantum * QUANTUM, (quantum + 1) * QUANTUM), output.subarray(quantum * QUANTUM, (quantum + 1) * QUANTUM));
    }
    const used = replyAfter < 6;
    expect(stream.underruns).toBe(used ? 0 : stream.hops);
    // The negated ("denoised") hops are heard only when they came in time; the input otherwise.
    expect(misfit(output, stream.latencySamples, used ? -1 : 1)).toBeLessThan(2e-3);
  });

  it("finds the shortest delay that never runs dry", () => {
    for (const wait of [0, 3, 12]) {
      const delay = minimumFifoDelay(QUANTUM, wait);
      expect(delay).toBe(432 + 128 * wait);
    }
  });
});

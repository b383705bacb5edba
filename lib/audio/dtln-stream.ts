/**
 * The DTLN AudioWorklet's bookkeeping, kept apart from the audio thread so it can be tested:
 * 48 kHz render quanta in; 16 kHz hops out to the worker (numbered); denoised hops back; 48 kHz
 * out, a fixed `latencySamples` after the input. Each hop has a deadline (`waitQuanta` render
 * quanta after it was sent). A hop that is not back by then is an underrun: the input of that
 * moment (the same 16 kHz samples DTLN would have denoised, at the same delay) goes out in its
 * place and the hop is counted; a denoised hop that comes back after its deadline is dropped. So
 * whatever the worker does, every input sample comes out exactly once, in order, at the same delay.
 * Resampling: lib/audio/resample.ts (centred filters: no delay of their own).
 */
import { FrameSplitter } from "./framing";
import { DTLN_CONTEXT_RATE, DTLN_DELAY_HOPS, DTLN_HOP, DTLN_RATE } from "./dtln-protocol";
import { Resampler } from "./resample";

const RATIO = DTLN_CONTEXT_RATE / DTLN_RATE;
/** The resampler's look-ahead (lib/audio/resample.ts HALF_TAPS), for the latency below. */
const LOOK_AHEAD = 16;

export type DtlnStreamOptions = {
  quantum: number;
  waitQuanta: number;
  /** Sends hop `seq` (16 kHz, DTLN_HOP samples; the stream keeps no reference to it). */
  send: (seq: number, samples: Float32Array) => void;
};

export class DtlnStream {
  /** From an input sample to the same sample in the output, in 48 kHz samples. */
  readonly latencySamples: number;
  hops = 0;
  underruns = 0;
  private readonly down = new Resampler(DTLN_CONTEXT_RATE, DTLN_RATE);
  private readonly up = new Resampler(DTLN_RATE, DTLN_CONTEXT_RATE);
  private readonly splitter = new FrameSplitter(DTLN_HOP);
  private quantumIndex = 0;
  private nextSeq = 0;
  private readonly due: Array<{ seq: number; at: number }> = [];
  private readonly raw = new Map<number, Float32Array>();
  private readonly denoised = new Map<number, Float32Array>();
  private readonly out: number[] = [];
  private outRead = 0;
  private leadIn: number;

  constructor(private readonly options: DtlnStreamOptions) {
    const fifoDelay = minimumFifoDelay(options.quantum, options.waitQuanta);
    this.leadIn = fifoDelay;
    this.latencySamples = fifoDelay + DTLN_DELAY_HOPS * DTLN_HOP * RATIO;
  }

  process(input: Float32Array, output: Float32Array): void {
    for (const hop of this.splitter.push(this.down.process(input))) {
      const seq = this.nextSeq++;
      this.raw.set(seq, hop);
      this.due.push({ seq, at: this.quantumIndex + this.options.waitQuanta });
      this.options.send(seq, hop.slice());
    }
    while (this.due.length && this.due[0].at <= this.quantumIndex) this.emit(this.due.shift()!.seq);
    this.quantumIndex++;

    const zeros = Math.min(this.leadIn, output.length);
    output.fill(0, 0, zeros);
    this.leadIn -= zeros;
    const wanted = output.length - zeros;
    if (this.out.length - this.outRead < wanted) throw new Error(`DtlnStream ran dry: the latency is too short for ${output.length}-sample quanta`);
    for (let i = 0; i < wanted; i++) output[zeros + i] = this.out[this.outRead++];
    if (this.outRead > 4096) {
      this.out.splice(0, this.outRead);
      this.outRead = 0;
    }
  }

  /** Hops sent to the worker whose answer has not come yet (and whose deadline has not passed). */
  get waiting(): number {
    return this.due.filter((d) => !this.denoised.has(d.seq)).length;
  }

  /** A denoised hop from the worker: kept if its deadline has not passed, dropped otherwise. */
  receive(seq: number, samples: Float32Array): void {
    if (this.due.some((d) => d.seq === seq)) this.denoised.set(seq, samples);
  }

  /** Hop `seq`'s time has come: the denoised hop, or the input DTLN would have given back at that point. */
  private emit(seq: number): void {
    let hop = this.denoised.get(seq);
    this.denoised.delete(seq);
    const source = seq - DTLN_DELAY_HOPS;
    if (!hop) {
      this.underruns++;
      hop = this.raw.get(source) ?? new Float32Array(DTLN_HOP);
    }
    this.raw.delete(source);
    this.hops++;
    for (const v of this.up.process(hop)) this.out.push(v);
  }
}

/**
 * The shortest output delay (48 kHz samples) that never runs dry: hop h is complete once
 * 3·128·h + 3·128 + LOOK_AHEAD input samples are in, is emitted `waitQuanta` quanta later, and
 * the upsampler then has 3·(m − LOOK_AHEAD) samples out of m 16 kHz samples in. Found by stepping
 * through the quanta (the schedule repeats every 3 hops for 128-sample quanta).
 */
export function minimumFifoDelay(quantum: number, waitQuanta: number): number {
  const downCount = (n: number) => Math.max(0, Math.floor((n - LOOK_AHEAD - 1) / RATIO) + 1);
  const upCount = (m: number) => Math.max(0, RATIO * (m - LOOK_AHEAD));
  const completedAt: number[] = [];
  let worst = 0;
  for (let q = 0; q < 64 * RATIO + 4 * waitQuanta; q++) {
    const hopsDone = Math.floor(downCount((q + 1) * quantum) / DTLN_HOP);
    while (completedAt.length < hopsDone) completedAt.push(q);
    const emitted = completedAt.filter((at) => at + waitQuanta <= q).length;
    worst = Math.max(worst, (q + 1) * quantum - upCount(emitted * DTLN_HOP));
  }
  return worst;
}

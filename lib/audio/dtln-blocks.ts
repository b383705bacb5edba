/**
 * DTLN's streaming frame (Westhausen & Meyer, 2020, as their real_time_processing_tf_lite.py runs
 * it): every 128 new samples at 16 kHz, the last 512 go through an rfft; stage 1 turns the
 * magnitude (257 bins) into a mask; the masked spectrum (the input's phase kept) goes back through
 * an irfft; stage 2 turns that block into the denoised block, which is overlap-added (no window:
 * the model learned the scale). The first 128 samples of the sum are finished and go out, so the
 * output is the input 384 samples (24 ms) later. The stages are passed in: onnxruntime-web in the
 * worker, or the identity for the bypass.
 */
import { RealFft } from "./fft";
import { DTLN_BLOCK, DTLN_HOP } from "./dtln-protocol";

export type DtlnStage = {
  /** 257 magnitudes → 257 mask values (0..1). */
  mask(magnitude: Float32Array): Promise<Float32Array> | Float32Array;
  /** 512 samples → 512 samples. */
  transform(block: Float32Array): Promise<Float32Array> | Float32Array;
};

/** The framing without a model: a mask of 1, and a time stage that divides by the 4 blocks overlapping each sample. */
export const BYPASS_STAGE: DtlnStage = {
  mask: (magnitude) => new Float32Array(magnitude.length).fill(1),
  transform: (block) => block.map((v) => (v * DTLN_HOP) / DTLN_BLOCK),
};

export class DtlnBlocks {
  private readonly fft = new RealFft(DTLN_BLOCK);
  private readonly input = new Float32Array(DTLN_BLOCK);
  private readonly sum = new Float32Array(DTLN_BLOCK);
  private readonly re = new Float32Array(DTLN_BLOCK / 2 + 1);
  private readonly im = new Float32Array(DTLN_BLOCK / 2 + 1);
  private readonly block = new Float32Array(DTLN_BLOCK);

  constructor(private readonly stage: DtlnStage) {}

  /** One hop in (128 samples), one finished hop out: the denoised input of three hops ago. */
  async process(hop: Float32Array): Promise<Float32Array> {
    if (hop.length !== DTLN_HOP) throw new RangeError(`DTLN takes ${DTLN_HOP}-sample hops, not ${hop.length}`);
    this.input.copyWithin(0, DTLN_HOP);
    this.input.set(hop, DTLN_BLOCK - DTLN_HOP);
    const { re, im } = this;
    this.fft.forward(this.input, re, im);
    const magnitude = new Float32Array(re.length);
    for (let k = 0; k < re.length; k++) magnitude[k] = Math.hypot(re[k], im[k]);
    const mask = await this.stage.mask(magnitude);
    // |X|·mask·e^{i∠X} is X·mask.
    for (let k = 0; k < re.length; k++) {
      re[k] *= mask[k];
      im[k] *= mask[k];
    }
    this.fft.inverse(re, im, this.block);
    const denoised = await this.stage.transform(this.block);
    this.sum.copyWithin(0, DTLN_HOP);
    this.sum.fill(0, DTLN_BLOCK - DTLN_HOP);
    for (let i = 0; i < DTLN_BLOCK; i++) this.sum[i] += denoised[i];
    return this.sum.slice(0, DTLN_HOP);
  }
}

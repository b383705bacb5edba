/**
 * Silero VAD v5 on onnxruntime-web: one 512-sample frame (32 ms at 16 kHz) in, the probability
 * that it is speech out, carrying the model's recurrent state from frame to frame. The model's
 * input is the frame preceded by the last 64 samples of the one before (576 samples), as Silero's
 * own wrapper feeds it: without that context v5 loses quiet, reverberant speech (on a meeting-like
 * mixture of real Mandarin it found 2.1 s of 6.1 s). The runtime is
 * passed in, so the same code runs in the browser worker (ort.all from /ort) and in Node tests
 * (ort.node). Inputs and outputs as listed in models/manifest.json ("silero-vad-v5").
 */
export const SILERO_FRAME = 512;
export const SILERO_RATE = 16_000;
/** Samples of the previous frame that precede each frame in the model's input (64 at 16 kHz). */
export const SILERO_CONTEXT = 64;

/** The parts of onnxruntime-web's API used here. */
export type OrtTensor = { data: ArrayLike<number> | BigInt64Array; dims: readonly number[] };
export type OrtSession = { run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>> };
export type OrtLike = {
  Tensor: new (type: "float32" | "int64", data: Float32Array | BigInt64Array, dims: readonly number[]) => OrtTensor;
};

export class SileroVad {
  private state: OrtTensor;
  private readonly sampleRate: OrtTensor;
  /** The model's input: the previous frame's last SILERO_CONTEXT samples, then the frame. */
  private readonly input = new Float32Array(SILERO_CONTEXT + SILERO_FRAME);

  /** `context: false` feeds frames alone, as before the fix: only for the evaluation's before/after (npm run eval:asr). */
  constructor(
    private readonly ort: OrtLike,
    private readonly session: OrtSession,
    private readonly options: { context: boolean } = { context: true },
  ) {
    this.state = this.zeroState();
    this.sampleRate = new ort.Tensor("int64", BigInt64Array.from([BigInt(SILERO_RATE)]), []);
  }

  async process(frame: Float32Array): Promise<number> {
    if (frame.length !== SILERO_FRAME) throw new RangeError(`Silero VAD takes ${SILERO_FRAME} samples, not ${frame.length}`);
    this.input.set(frame, SILERO_CONTEXT);
    // A copy goes to the runtime: the context is moved along before the run finishes.
    const input = this.options.context ? this.input.slice() : frame.slice();
    this.input.copyWithin(0, SILERO_FRAME);
    const result = await this.session.run({ input: new this.ort.Tensor("float32", input, [1, input.length]), state: this.state, sr: this.sampleRate });
    this.state = result.stateN;
    return Number(result.output.data[0]);
  }

  /** Forget the past (a new stream, or after a long pause). */
  reset(): void {
    this.state = this.zeroState();
    this.input.fill(0);
  }

  private zeroState(): OrtTensor {
    return new this.ort.Tensor("float32", new Float32Array(2 * 128), [2, 1, 128]);
  }
}

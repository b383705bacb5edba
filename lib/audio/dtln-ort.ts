/**
 * DTLN's two stages on onnxruntime (the files of models/manifest.json "dtln-model-1" and
 * "dtln-model-2"), each carrying its LSTM states from block to block. The runtime is passed in,
 * as for Silero VAD (lib/ai/silero-vad.ts), so the worker hands it onnxruntime-web.
 */
import type { OrtLike, OrtSession, OrtTensor } from "../ai/silero-vad";
import type { DtlnStage } from "./dtln-blocks";
import type { DtlnModelFile } from "./dtln-protocol";

/** 2 LSTM layers × (h, c) × 128 units, as [1, 2, 128, 2]. */
const STATE_DIMS: readonly number[] = [1, 2, 128, 2];

type Names = Omit<DtlnModelFile, "url">;

export class OrtDtlnStage implements DtlnStage {
  private states: [OrtTensor, OrtTensor];

  constructor(
    private readonly ort: OrtLike,
    private readonly sessions: [OrtSession, OrtSession],
    private readonly names: [Names, Names],
  ) {
    this.states = [this.zeroState(), this.zeroState()];
  }

  mask(magnitude: Float32Array): Promise<Float32Array> {
    return this.step(0, magnitude);
  }

  transform(block: Float32Array): Promise<Float32Array> {
    return this.step(1, block);
  }

  private async step(stage: 0 | 1, data: Float32Array): Promise<Float32Array> {
    const names = this.names[stage];
    const result = await this.sessions[stage].run({
      [names.input]: new this.ort.Tensor("float32", data, [1, 1, data.length]),
      [names.states]: this.states[stage],
    });
    this.states[stage] = result[names.statesOut];
    return result[names.output].data as Float32Array;
  }

  private zeroState(): OrtTensor {
    return new this.ort.Tensor("float32", new Float32Array(STATE_DIMS.reduce((a, b) => a * b, 1)), STATE_DIMS);
  }
}

/**
 * How well a noise suppressor did on a mixture whose clean speech is known (eval:ns, and the
 * worklet's tests): levels of noise-only and speech stretches before and after, and the SNR
 * against the clean reference. Pure functions on mono float samples.
 */

/** A half-open range of samples [from, to). */
export type Stretch = { from: number; to: number };

export function rms(samples: Float32Array, stretches: Stretch[] = [{ from: 0, to: samples.length }]): number {
  let sum = 0;
  let count = 0;
  for (const { from, to } of stretches) {
    for (let i = Math.max(0, from); i < Math.min(to, samples.length); i++) sum += samples[i] * samples[i];
    count += Math.max(0, Math.min(to, samples.length) - Math.max(0, from));
  }
  return count === 0 ? 0 : Math.sqrt(sum / count);
}

export const decibels = (ratio: number) => 20 * Math.log10(ratio);

/**
 * The stretches of `frame`-sample frames where the clean speech is within `rangeDb` of its loudest
 * frame: what counts as speech when measuring speech level (pauses between words are left out).
 */
export function activeSpeech(clean: Float32Array, frame = 960, rangeDb = 30): Stretch[] {
  const levels: number[] = [];
  for (let at = 0; at + frame <= clean.length; at += frame) levels.push(rms(clean, [{ from: at, to: at + frame }]));
  const loudest = Math.max(...levels);
  const floor = loudest * 10 ** (-rangeDb / 20);
  const stretches: Stretch[] = [];
  levels.forEach((level, k) => {
    if (level <= floor || loudest === 0) return;
    const last = stretches[stretches.length - 1];
    if (last && last.to === k * frame) last.to += frame;
    else stretches.push({ from: k * frame, to: (k + 1) * frame });
  });
  return stretches;
}

/**
 * The delay (0…maxLag samples) at which `output` best matches `reference`: a suppressor's own
 * algorithmic delay (RNNoise's overlap-add adds one 10 ms frame), found by cross-correlation.
 */
export function bestLag(reference: Float32Array, output: Float32Array, maxLag = 2048): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let lag = 0; lag <= maxLag; lag++) {
    let score = 0;
    for (let i = 0; i + lag < output.length && i < reference.length; i += 2) score += reference[i] * output[i + lag];
    if (score > bestScore) [best, bestScore] = [lag, score];
  }
  return best;
}

/** `samples` moved earlier by `lag` (zeros at the end), to line up with the reference. */
export function advance(samples: Float32Array, lag: number): Float32Array {
  const out = new Float32Array(samples.length);
  out.set(samples.subarray(lag));
  return out;
}

/**
 * Scale-invariant SNR in dB of `estimate` against `clean`: the estimate is first scaled by the
 * least-squares gain, so a change of level alone is not counted as noise.
 */
export function scaleInvariantSnr(clean: Float32Array, estimate: Float32Array): number {
  let dot = 0;
  let energy = 0;
  for (let i = 0; i < clean.length; i++) {
    dot += clean[i] * estimate[i];
    energy += clean[i] * clean[i];
  }
  const gain = dot / energy;
  let signal = 0;
  let error = 0;
  for (let i = 0; i < clean.length; i++) {
    const target = gain * clean[i];
    signal += target * target;
    error += (estimate[i] - target) ** 2;
  }
  return 10 * Math.log10(signal / error);
}

export type SuppressionScore = {
  /** Level of the noise-only stretches before minus after (positive: quieter). */
  noiseReductionDb: number;
  /** Level of the speech stretches after, relative to the clean speech there (0: unchanged). */
  speechLevelChangeDb: number;
  snrInDb: number;
  snrOutDb: number;
  snrImprovementDb: number;
};

/** Scores `output` (aligned with the input already) against the `mixture` it came from and its `clean` speech. */
export function scoreSuppression({ clean, mixture, output, noiseOnly }: { clean: Float32Array; mixture: Float32Array; output: Float32Array; noiseOnly: Stretch[] }): SuppressionScore {
  const speech = activeSpeech(clean);
  const snrInDb = scaleInvariantSnr(clean, mixture);
  const snrOutDb = scaleInvariantSnr(clean, output);
  return {
    noiseReductionDb: decibels(rms(mixture, noiseOnly) / rms(output, noiseOnly)),
    speechLevelChangeDb: decibels(rms(output, speech) / rms(clean, speech)),
    snrInDb,
    snrOutDb,
    snrImprovementDb: snrOutDb - snrInDb,
  };
}

/** Turns raw microphone samples into a 0..1 level a meter can show. */

/** Below this the meter reads empty (room noise). */
export const SILENCE_DB = -60;

/** Root mean square of time-domain samples in -1..1. */
export function rootMeanSquare(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
  return Math.sqrt(sum / samples.length);
}

/** Perceived loudness is logarithmic, so map dBFS (SILENCE_DB..0) linearly onto 0..1. */
export function levelFromRms(rms: number, silenceDb = SILENCE_DB): number {
  if (!(rms > 0)) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - silenceDb) / -silenceDb));
}

/** Rises quickly and falls slowly, like a VU meter, so a word does not flicker. */
export function smoothLevel(previous: number, next: number, attack = 0.7, release = 0.3): number {
  const factor = next > previous ? attack : release;
  return previous + (next - previous) * factor;
}

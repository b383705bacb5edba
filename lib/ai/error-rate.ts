/**
 * Word and character error rates for the ASR evaluation (npm run eval:asr): edit distance between
 * the reference and the recognised text over words (English) or characters (Chinese), after the
 * usual normalisation (case, punctuation and spacing do not count). Pure and unit tested.
 */
export type ErrorRate = { errors: number; length: number; rate: number };

function editDistance<T>(a: readonly T[], b: readonly T[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

function rate(reference: readonly string[], hypothesis: readonly string[]): ErrorRate {
  const errors = editDistance(reference, hypothesis);
  return { errors, length: reference.length, rate: reference.length ? errors / reference.length : hypothesis.length ? 1 : 0 };
}

/** Lower case, apostrophes kept inside words, every other mark a space. */
export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .replace(/(^|\s)'|'(\s|$)/g, " ")
    .split(/\s+/)
    .filter(Boolean);
}

/** Letters and digits only, one per element (CJK text has no spaces to split on). */
export function normalizeChars(text: string): string[] {
  return [...text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "")];
}

export const wordErrorRate = (reference: string, hypothesis: string) => rate(normalizeWords(reference), normalizeWords(hypothesis));
export const charErrorRate = (reference: string, hypothesis: string) => rate(normalizeChars(reference), normalizeChars(hypothesis));

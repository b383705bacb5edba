/**
 * What to keep of a Whisper transcript before it becomes a caption. Whisper base, given silence or
 * noise, tends to write something anyway: a tag like "(music)", a YouTube sign-off ("Thank you for
 * watching", "字幕由Amara.org社区提供"), or a phrase repeated until the token budget runs out.
 * Pure functions, so the rules are unit tested; lib/meetings/caption-text.ts tidies what is kept.
 */
import type { Transcript } from "./whisper";

/** Whisper's own silence rule (transcribe.py): likely no speech, and the words it chose are unlikely too. */
const NO_SPEECH = 0.6;
const LOW_LOGPROB = -1;
/** A sign-off is dropped when there is even a moderate chance of no speech. */
const SIGN_OFF_NO_SPEECH = 0.2;

const SIGN_OFFS = [
  /^(?:thank you|thanks)(?: (?:so|very) much)?(?: for watching| for listening)?[.!]*$/i,
  /^(?:please )?(?:like and )?subscribe(?: to (?:my|our|the) channel)?[.!]*$/i,
  /^(?:bye|you|\.+)[.!]*$/i,
  /字幕|中文字幕|订阅|訂閱|点赞|點贊|打赏|明镜|amara/i,
  /^(?:谢谢|謝謝)(?:观看|觀看|收看|大家)?[。！!]*$/,
];
const TAG_ONLY = /^(?:\s|\[[^\]]*\]|\([^)]*\)|（[^）]*）|【[^】]*】|\*[^*]*\*|♪|♫|-)*$/u;

/** Whether a transcript should not become a caption at all. */
export function isHallucination({ text, noSpeechProb, avgLogprob }: Pick<Transcript, "text" | "noSpeechProb" | "avgLogprob">): boolean {
  const trimmed = text.trim();
  if (trimmed === "" || TAG_ONLY.test(trimmed)) return true;
  if (noSpeechProb > NO_SPEECH && avgLogprob < LOW_LOGPROB) return true;
  return noSpeechProb > SIGN_OFF_NO_SPEECH && SIGN_OFFS.some((pattern) => pattern.test(trimmed));
}

/**
 * Cuts a repetition loop at the end of `text` down to one occurrence: a unit of 2–30 characters
 * repeated at least 4 times in a row ("三王三王三王三王…", "no, no, no, no, no"), or one character
 * at least 8 times ("尼尼尼尼尼尼尼尼"). The loop may stop part-way through a unit (the token
 * budget ran out); that part is dropped too. Ordinary text comes back unchanged.
 */
export function trimRepetition(text: string): string {
  const chars = Array.from(text.trimEnd());
  const n = chars.length;
  for (let unit = 1; unit <= 30 && unit <= n; unit++) {
    const needed = unit === 1 ? 8 : 4;
    // The longest tail of the text with period `unit`; it may end part-way through a unit.
    let start = n - unit;
    while (start > 0 && chars[start - 1] === chars[start - 1 + unit]) start--;
    const block = chars.slice(start, start + unit).join("");
    if ((n - start) / unit >= needed && block.trim() !== "") return (chars.slice(0, start).join("") + block).trimEnd();
  }
  return text;
}

import { randomInt } from "node:crypto";

export { MEETING_CODE_PATTERN, isMeetingCode, normalizeMeetingCode } from "./code-format";

// Plain a–z like Google Meet codes (abc-defg-hij): 26^10 ≈ 1.4e14 codes, hard to guess.
const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

export function generateMeetingCode(): string {
  const part = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${part(3)}-${part(4)}-${part(3)}`;
}

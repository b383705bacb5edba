// Keys for an end-to-end-encrypted meeting, derived from the passphrase in the URL fragment.
// WebCrypto only, so the same code runs in the browser and under Node 20 for tests.
//
//   passphrase ──PBKDF2-SHA256(salt = "parley-e2ee-v1:" + meeting code)──▶ master secret (256 bits)
//   master ──HKDF-SHA256(info = "… text-key")──────────▶ AES-GCM-256 key (chat, captions, recordings)
//   master ──HKDF-SHA256(info = "… verification-code")─▶ 15 digits people compare aloud
//   master ──HKDF-SHA256(info = "… fingerprint")───────▶ 128-bit id machines compare
//   master ──HKDF-SHA256(info = "… media-key")─────────▶ 256 bits for LiveKit's frame encryption
//
// Distinct HKDF labels make the outputs independent: showing the code, storing the fingerprint or
// handing LiveKit its key reveals nothing about the text key (or each other).

import { isUsablePassphrase, normalizePassphrase } from "./fragment";

/**
 * OWASP's current figure for PBKDF2-HMAC-SHA256 (2023), well above the 200 000 floor. It matters
 * only for passphrases people choose: a generated one already has 140 bits. Every key, the media
 * key LiveKit uses included, comes from the master secret, so an attacker guessing a passphrase
 * pays these 600 000 iterations per guess and per meeting (the salt is the meeting code).
 */
export const PBKDF2_ITERATIONS = 600_000;
const SALT_PREFIX = "parley-e2ee-v1:";
const INFO_TEXT_KEY = "parley-e2ee-v1 text-key";
const INFO_VERIFICATION = "parley-e2ee-v1 verification-code";
const INFO_FINGERPRINT = "parley-e2ee-v1 fingerprint";
const INFO_MEDIA_KEY = "parley-e2ee-v1 media-key";

export type MeetingKeys = {
  /** AES-GCM 256, non-extractable, encrypt + decrypt: chat, captions and recordings. */
  text: CryptoKey;
  /** Five groups of three digits, e.g. "482 019 337 650 214", for participants to compare aloud. */
  verificationCode: string;
  /** 32 lower-case hex chars; safe to store or log (e.g. beside a recording, to spot a wrong passphrase early). */
  fingerprint: string;
  /**
   * 256 bits for livekit-client's `ExternalE2EEKeyProvider.setKey()` (audio and video), unique to
   * this meeting and passphrase. Raw bytes, because that is what LiveKit takes: keep it in memory
   * only. Hand LiveKit a copy (`media.slice(0)`), so nothing it does to the buffer reaches ours.
   */
  media: ArrayBuffer;
};

/**
 * Same passphrase and meeting → same keys on every device. `meetingCode` goes into the salt as
 * given: pass the canonical code (the `abc-defg-hij` of the meeting URL), not what a user typed.
 */
export async function deriveMeetingKeys(passphrase: string, meetingCode: string): Promise<MeetingKeys> {
  const normalized = normalizePassphrase(passphrase);
  if (!isUsablePassphrase(normalized)) throw new RangeError("The passphrase is empty or too long");
  if (meetingCode === "") throw new RangeError("A meeting code is required");

  const subtle = globalThis.crypto.subtle;
  const encoder = new TextEncoder();
  const passphraseKey = await subtle.importKey("raw", encoder.encode(normalized), "PBKDF2", false, ["deriveBits"]);
  const master = await subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: encoder.encode(SALT_PREFIX + meetingCode), iterations: PBKDF2_ITERATIONS },
    passphraseKey,
    256,
  );
  const masterKey = await subtle.importKey("raw", master, "HKDF", false, ["deriveKey", "deriveBits"]);
  // PBKDF2 already salted with the meeting; HKDF's salt may then be empty (RFC 5869 §3.1).
  const hkdf = (info: string) => ({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: encoder.encode(info) });

  const [text, verificationBits, fingerprintBits, media] = await Promise.all([
    subtle.deriveKey(hkdf(INFO_TEXT_KEY), masterKey, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]),
    subtle.deriveBits(hkdf(INFO_VERIFICATION), masterKey, 64),
    subtle.deriveBits(hkdf(INFO_FINGERPRINT), masterKey, 128),
    subtle.deriveBits(hkdf(INFO_MEDIA_KEY), masterKey, 256),
  ]);
  return {
    text,
    verificationCode: formatVerificationCode(new Uint8Array(verificationBits)),
    fingerprint: Array.from(new Uint8Array(fingerprintBits), (b) => b.toString(16).padStart(2, "0")).join(""),
    media,
  };
}

/**
 * 64 bits mod 10^15 → 15 digits in groups of 3. Digits, not words, so people can read them in any
 * language; ~50 bits is far more than needed to notice a different passphrase. The modulo bias is
 * below 2^-14 per value: irrelevant for a comparison code.
 */
function formatVerificationCode(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  const digits = (value % 10n ** 15n).toString().padStart(15, "0");
  return [0, 3, 6, 9, 12].map((at) => digits.slice(at, at + 3)).join(" ");
}

/**
 * What to hand to livekit-client's `ExternalE2EEKeyProvider.setKey()` for audio and video: a copy
 * of the meeting's derived media key, as an ArrayBuffer. livekit-client 2.23 treats its argument by
 * type (src/e2ee/KeyProvider.ts, utils.ts): a string is imported for PBKDF2 (100 000 iterations,
 * fixed salt "LKFrameEncryptionKey"), an ArrayBuffer for HKDF-SHA256 (the same fixed salt, 128
 * zero bytes of info) to the AES-GCM frame key. A fixed salt and no stretching are fine for 256
 * uniformly random bits that are already unique to the meeting; with the raw passphrase they
 * were not (one precomputation served every meeting, at a sixth of our iterations). HKDF is plain
 * WebCrypto, so Chromium and Firefox (and LiveKit's worker in either) derive the same frame key.
 */
export function mediaKeyMaterial(keys: Pick<MeetingKeys, "media">): ArrayBuffer {
  return keys.media.slice(0);
}

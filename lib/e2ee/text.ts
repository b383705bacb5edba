// Short texts (chat messages, captions) encrypted with the meeting's text key into an ASCII
// envelope that fits wherever a string goes: `e2ee:v1:<iv>:<ciphertext + tag>`, both base64url
// without padding. AES-GCM with a fresh random 96-bit IV per message.

const PREFIX = "e2ee:v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Domain label in front of the caller's AAD, so a text envelope can never pass for a recording frame. */
const AAD_DOMAIN = "parley-e2ee-v1 text\0";
const ENVELOPE_PATTERN = /^e2ee:v1:([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{22,})$/;

export type E2eeDecryptReason =
  /** Not an envelope or frame of ours, or cut short. */
  | "malformed"
  /** Wrong key (passphrase), tampered bytes, wrong AAD (another meeting), or a frame out of place: AES-GCM cannot tell these apart. */
  | "authentication"
  /** A recording whose frames all check out but whose final frame is missing (cut at a frame boundary). */
  | "missing_end";

export class E2eeDecryptError extends Error {
  readonly reason: E2eeDecryptReason;

  constructor(reason: E2eeDecryptReason, message: string) {
    super(message);
    this.name = "E2eeDecryptError";
    this.reason = reason;
  }
}

/**
 * `aad` is authenticated but not encrypted: pass the meeting code so a message copied into another
 * meeting (same passphrase or not) fails to decrypt there. Use the same value to decrypt.
 */
export async function encryptText(key: CryptoKey, plaintext: string, aad?: string): Promise<string> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await globalThis.crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: textAad(aad) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return `${PREFIX}${encodeBase64Url(iv)}:${encodeBase64Url(new Uint8Array(ciphertext))}`;
}

/** Throws `E2eeDecryptError` for anything but an authentic envelope under this key and AAD. */
export async function decryptText(key: CryptoKey, envelope: string, aad?: string): Promise<string> {
  const match = ENVELOPE_PATTERN.exec(envelope);
  const iv = match ? decodeBase64Url(match[1]) : null;
  const ciphertext = match ? decodeBase64Url(match[2]) : null;
  if (!iv || !ciphertext || iv.length !== IV_BYTES || ciphertext.length < TAG_BYTES) {
    throw new E2eeDecryptError("malformed", "Not an encrypted message envelope");
  }
  const plaintext = await openAesGcm(key, iv, ciphertext, textAad(aad));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
  } catch {
    // Authentic bytes that are not UTF-8 were never produced by encryptText.
    throw new E2eeDecryptError("malformed", "The decrypted message is not text");
  }
}

/** Shape only (prefix, IV and ciphertext lengths): says what to try to decrypt, not that it is authentic. */
export function isEncryptedText(s: string): boolean {
  return ENVELOPE_PATTERN.test(s);
}

/** Exact length in characters (ASCII, so also UTF-16 units and bytes) of the envelope for `plaintext`. */
export function envelopeLength(plaintext: string): number {
  const sealedBytes = new TextEncoder().encode(plaintext).length + TAG_BYTES;
  return PREFIX.length + base64UrlLength(IV_BYTES) + 1 + base64UrlLength(sealedBytes);
}

/**
 * Most UTF-8 bytes of plaintext whose envelope fits in `limit` characters (0 if none fits), e.g.
 * for the chat body limit. Compare with `new TextEncoder().encode(text).length`, or use
 * `envelopeLength(text) <= limit` directly.
 */
export function maxPlaintextBytesForEnvelope(limit: number): number {
  const room = limit - PREFIX.length - base64UrlLength(IV_BYTES) - 1;
  // base64UrlLength(n) = ceil(4n / 3) ≤ room  ⇔  n ≤ floor(3 · room / 4)
  return Math.max(0, Math.floor((3 * room) / 4) - TAG_BYTES);
}

function textAad(aad: string | undefined): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(AAD_DOMAIN + (aad ?? ""));
}

/** AES-GCM decryption with its one failure (OperationError) turned into E2eeDecryptError; anything else is a bug and is rethrown. */
export async function openAesGcm(
  key: CryptoKey,
  iv: Uint8Array<ArrayBuffer>,
  ciphertext: Uint8Array<ArrayBuffer>,
  additionalData: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData }, key, ciphertext));
  } catch (error) {
    if (error instanceof Error && error.name === "OperationError") {
      throw new E2eeDecryptError("authentication", "Could not decrypt: wrong passphrase, another meeting, or altered data");
    }
    throw error;
  }
}

// ---------- base64url (RFC 4648 §5, no padding), by hand: btoa wants binary strings ----------

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function base64UrlLength(byteLength: number): number {
  return Math.ceil((byteLength * 4) / 3);
}

export function encodeBase64Url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, base64UrlLength(bytes.length - i));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** Null unless `text` is the canonical encoding of some bytes (so one byte string has one spelling). */
export function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const char of text) {
    value = (value << 6) | ALPHABET.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
      value &= (1 << bits) - 1;
    }
  }
  return value === 0 ? bytes : null; // leftover bits must be zero in the canonical form
}

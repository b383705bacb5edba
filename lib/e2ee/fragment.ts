// The meeting passphrase travels only in the URL fragment (`#key=…`): browsers never send the
// fragment to the server, so neither our logs nor LiveKit ever see it. Browser-safe, no imports.

const KEY_PARAM = "key";
const MAX_PASSPHRASE_CHARS = 256;

/**
 * One spelling per passphrase: the same word typed on macOS (NFD input) and Windows (NFC) must
 * derive the same keys, so every way in (fragment, typed, media key) goes through NFC.
 */
export function normalizePassphrase(passphrase: string): string {
  return passphrase.normalize("NFC");
}

/** Empty and over-long passphrases are refused everywhere; length counts code points, not UTF-16 units. */
export function isUsablePassphrase(passphrase: string): boolean {
  const length = [...passphrase].length;
  return length > 0 && length <= MAX_PASSPHRASE_CHARS;
}

/**
 * `#key=<passphrase>` → the passphrase (NFC), or null when there is none or it is unusable.
 * Other params may sit beside it (`#x=1&key=…&y=2`); the first `key` wins. Decoding is
 * `decodeURIComponent`, not form decoding, so a literal "+" stays "+".
 */
export function readPassphraseFromHash(hash: string): string | null {
  const fragment = hash.startsWith("#") ? hash.slice(1) : hash;
  for (const param of fragment.split("&")) {
    const eq = param.indexOf("=");
    if (eq === -1 || param.slice(0, eq) !== KEY_PARAM) continue;
    let passphrase: string;
    try {
      passphrase = normalizePassphrase(decodeURIComponent(param.slice(eq + 1)));
    } catch {
      return null; // malformed %-escape: a mangled link, not a passphrase we can trust
    }
    return isUsablePassphrase(passphrase) ? passphrase : null;
  }
  return null;
}

/** The fragment to append to a meeting link, e.g. `#key=abcd-efgh-…`. Throws on an unusable passphrase. */
export function hashWithPassphrase(passphrase: string): string {
  const normalized = normalizePassphrase(passphrase);
  if (!isUsablePassphrase(normalized)) {
    throw new RangeError(`A passphrase must have 1 to ${MAX_PASSPHRASE_CHARS} characters`);
  }
  return `#${KEY_PARAM}=${encodeURIComponent(normalized)}`;
}

// 32 symbols, so one random byte & 31 picks a symbol without bias. Lower-case letters and digits
// without l/1/o/0: nothing to confuse when read aloud or copied by hand, and no "_" or "-" inside
// a group that Markdown or a linkifier could eat when the link is pasted into another chat.
const PASSPHRASE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
const GROUPS = 7;
const GROUP_LENGTH = 4;

/** 7 groups of 4 symbols (e.g. "k7vq-3mza-…"): 28 × 5 = 140 bits from `crypto.getRandomValues`. */
export function generatePassphrase(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(GROUPS * GROUP_LENGTH));
  const symbols = Array.from(bytes, (byte) => PASSPHRASE_ALPHABET[byte & 31]);
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP_LENGTH) groups.push(symbols.slice(i, i + GROUP_LENGTH).join(""));
  return groups.join("-");
}

/**
 * The URL without its `key` param (other fragment params kept, a fragment left empty removed), for
 * `history.replaceState` once the key is read, so it does not linger in the address bar, in
 * screenshots of it, or in links copied from it.
 */
export function stripPassphraseFromUrl(url: string): string {
  const hashAt = url.indexOf("#");
  if (hashAt === -1) return url;
  const kept = url
    .slice(hashAt + 1)
    .split("&")
    .filter((param) => param !== "" && param !== KEY_PARAM && !param.startsWith(`${KEY_PARAM}=`));
  const base = url.slice(0, hashAt);
  return kept.length > 0 ? `${base}#${kept.join("&")}` : base;
}

import { beforeAll, describe, expect, it } from "vitest";
import { deriveMeetingKeys } from "./keys";
import {
  decodeBase64Url,
  decryptText,
  E2eeDecryptError,
  encodeBase64Url,
  encryptText,
  envelopeLength,
  isEncryptedText,
  maxPlaintextBytesForEnvelope,
  openAesGcm,
} from "./text";
import { expectDecryptError } from "../../tests/helpers/e2ee";

const MEETING = "abc-defg-hij";
let key: CryptoKey;

beforeAll(async () => {
  key = await globalThis.crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
});


/** Replaces the character at `at` by another base64url character that changes the decoded bytes. */
function flipChar(text: string, at: number): string {
  return text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
}

/** Deterministic random text mixing ASCII, accented Latin, CJK, emoji (surrogate pairs) and combining marks. */
function randomText(seed: number, length: number): string {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const ranges: Array<[number, number]> = [
    [0x20, 0x7e],
    [0xc0, 0x17f],
    [0x4e00, 0x9fff],
    [0x3040, 0x30ff],
    [0x1f300, 0x1faff],
    [0x300, 0x36f],
  ];
  let out = "";
  for (let i = 0; i < length; i++) {
    const [low, high] = ranges[Math.floor(next() * ranges.length)];
    out += String.fromCodePoint(low + Math.floor(next() * (high - low + 1)));
  }
  return out;
}

describe("encryptText / decryptText", () => {
  it.each(["", "hello", "会议纪要：下周一 10:00 开会", "👩‍💻 ok ✅", "x".repeat(4000)])("round-trips %#", async (text) => {
    const envelope = await encryptText(key, text, MEETING);
    expect(envelope).toMatch(/^e2ee:v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22,}$/);
    expect(isEncryptedText(envelope)).toBe(true);
    await expect(decryptText(key, envelope, MEETING)).resolves.toBe(text);
  });

  it("round-trips without AAD", async () => {
    await expect(decryptText(key, await encryptText(key, "no aad"))).resolves.toBe("no aad");
  });

  it("never repeats an envelope for the same text (fresh IV each time)", async () => {
    const envelopes = await Promise.all(Array.from({ length: 20 }, () => encryptText(key, "same", MEETING)));
    expect(new Set(envelopes).size).toBe(20);
    expect(new Set(envelopes.map((e) => e.split(":")[2])).size).toBe(20);
  });

  it("refuses a message encrypted under another passphrase", async () => {
    const [mine, theirs] = await Promise.all([
      deriveMeetingKeys("the right passphrase", MEETING),
      deriveMeetingKeys("the wrong passphrase", MEETING),
    ]);
    const envelope = await encryptText(theirs.text, "for their eyes", MEETING);
    await expectDecryptError(decryptText(mine.text, envelope, MEETING), "authentication");
  }, 30_000);

  it("refuses a message replayed into another meeting, or with its AAD dropped", async () => {
    const envelope = await encryptText(key, "only for abc-defg-hij", MEETING);
    await expectDecryptError(decryptText(key, envelope, "xyz-defg-hij"), "authentication");
    await expectDecryptError(decryptText(key, envelope), "authentication");
    const withoutAad = await encryptText(key, "no aad");
    await expectDecryptError(decryptText(key, withoutAad, MEETING), "authentication");
  });

  it("refuses altered ciphertext, tag or IV", async () => {
    const envelope = await encryptText(key, "do not touch", MEETING);
    const [, , iv, ciphertext] = envelope.split(":");
    const prefix = "e2ee:v1:";
    await expectDecryptError(decryptText(key, `${prefix}${iv}:${flipChar(ciphertext, 0)}`, MEETING), "authentication");
    await expectDecryptError(decryptText(key, `${prefix}${iv}:${flipChar(ciphertext, ciphertext.length - 4)}`, MEETING), "authentication");
    await expectDecryptError(decryptText(key, `${prefix}${flipChar(iv, 5)}:${ciphertext}`, MEETING), "authentication");
    // Swapping in another message's ciphertext under this IV fails too.
    const other = (await encryptText(key, "do not touch", MEETING)).split(":")[3];
    await expectDecryptError(decryptText(key, `${prefix}${iv}:${other}`, MEETING), "authentication");
  });

  it.each([
    "hello",
    "",
    "e2ee:v1:",
    "e2ee:v1:AAAAAAAAAAAAAAAA:",
    "e2ee:v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA",
    "e2ee:v1:AAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA", // IV one character short
    "e2ee:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAA", // shorter than a tag
    "e2ee:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAB", // non-canonical base64url (stray low bits)
    "e2ee:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA=", // padding
    "e2ee:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAA+", // standard base64 alphabet
    " e2ee:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA",
  ])("calls %j malformed", async (envelope) => {
    await expectDecryptError(decryptText(key, envelope), "malformed");
  });

  it("tells envelopes from plain chat by shape", () => {
    expect(isEncryptedText("e2ee:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA")).toBe(true);
    expect(isEncryptedText("e2ee:v1: is the prefix we use")).toBe(false);
    expect(isEncryptedText("hello")).toBe(false);
  });

  it("lets errors other than a failed decryption through (a key that may not decrypt is a bug)", async () => {
    const encryptOnly = await globalThis.crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt"]);
    const envelope = await encryptText(encryptOnly, "x");
    const error = await decryptText(encryptOnly, envelope).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(E2eeDecryptError);
  });
});

describe("envelopeLength / maxPlaintextBytesForEnvelope", () => {
  it("predicts the exact envelope length for random UTF-8 text, CJK and emoji included", async () => {
    for (let seed = 1; seed <= 150; seed++) {
      const text = randomText(seed, seed % 50 === 0 ? 1000 : seed);
      expect(envelopeLength(text)).toBe((await encryptText(key, text, MEETING)).length);
    }
    for (const text of ["", "a", "ab", "abc", "日本", "🔑"]) {
      expect(envelopeLength(text)).toBe((await encryptText(key, text)).length);
    }
  });

  it("gives the largest plaintext whose envelope still fits the limit", async () => {
    for (const limit of [0, 25, 46, 47, 48, 49, 50, 51, 52, 100, 2000, 4000]) {
      const max = maxPlaintextBytesForEnvelope(limit);
      if (max > 0 || envelopeLength("") <= limit) {
        expect((await encryptText(key, "x".repeat(max))).length).toBeLessThanOrEqual(limit);
      }
      expect(envelopeLength("x".repeat(max + 1))).toBeGreaterThan(limit);
    }
    expect(maxPlaintextBytesForEnvelope(4000)).toBe(2965);
    expect(maxPlaintextBytesForEnvelope(2000)).toBe(1465);
    // Three bytes per CJK character: about 988 characters of Chinese in a 4000-character chat message.
    const cjk = "中".repeat(Math.floor(maxPlaintextBytesForEnvelope(4000) / 3));
    expect(envelopeLength(cjk)).toBeLessThanOrEqual(4000);
    expect(envelopeLength(`${cjk}中`)).toBeGreaterThan(4000);
  });
});

describe("base64url", () => {
  it("agrees with Node's encoder and reads its own output back", () => {
    for (let length = 0; length < 40; length++) {
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(length));
      const text = encodeBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64url"));
      expect(decodeBase64Url(text)).toEqual(bytes);
    }
  });

  it("refuses everything but the one canonical spelling", () => {
    expect(decodeBase64Url("AA")).toEqual(new Uint8Array([0]));
    expect(decodeBase64Url("AB")).toBeNull();
    expect(decodeBase64Url("A")).toBeNull();
    expect(decodeBase64Url("AA==")).toBeNull();
    expect(decodeBase64Url("+/")).toBeNull();
  });
});

describe("openAesGcm", () => {
  it("reports a failed decryption as E2eeDecryptError", async () => {
    const iv = new Uint8Array(12);
    await expectDecryptError(openAesGcm(key, iv, new Uint8Array(16), new Uint8Array(0)), "authentication");
  });
});

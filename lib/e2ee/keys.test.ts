import { hkdfSync, pbkdf2Sync } from "node:crypto"; // the test's independent reference; the library uses WebCrypto only
import { beforeAll, describe, expect, it } from "vitest";
import { deriveMeetingKeys, mediaKeyMaterial, PBKDF2_ITERATIONS, type MeetingKeys } from "./keys";
import { decryptText, E2eeDecryptError, encryptText } from "./text";

const PASSPHRASE = "k7vq-3mza-98xe-ppqr-w2hn-cd4f-tt6b";
const MEETING = "abc-defg-hij";

// PBKDF2 at 600 000 iterations costs ~0.4 s per derivation: derive each case once.
let keys: MeetingKeys;
let sameAgain: MeetingKeys;
let otherPassphrase: MeetingKeys;
let otherMeeting: MeetingKeys;
let decomposed: MeetingKeys;

beforeAll(async () => {
  [keys, sameAgain, otherPassphrase, otherMeeting, decomposed] = await Promise.all([
    deriveMeetingKeys(PASSPHRASE, MEETING),
    deriveMeetingKeys(PASSPHRASE, MEETING),
    deriveMeetingKeys("k7vq-3mza-98xe-ppqr-w2hn-cd4f-tt6c", MEETING),
    deriveMeetingKeys(PASSPHRASE, "abc-defg-hik"),
    deriveMeetingKeys("pa\u0308ss", MEETING),
  ]);
}, 30_000);

describe("deriveMeetingKeys", () => {
  it("gives a verification code of five groups of three digits, and a hex fingerprint", () => {
    expect(keys.verificationCode).toMatch(/^\d{3}( \d{3}){4}$/);
    expect(keys.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it("gives everyone with the same passphrase and meeting the same code, fingerprint and text key", async () => {
    expect(sameAgain.verificationCode).toBe(keys.verificationCode);
    expect(sameAgain.fingerprint).toBe(keys.fingerprint);
    const envelope = await encryptText(keys.text, "hello from another device", MEETING);
    await expect(decryptText(sameAgain.text, envelope, MEETING)).resolves.toBe("hello from another device");
  });

  it("gives a different passphrase or a different meeting a different code, fingerprint and key", async () => {
    for (const other of [otherPassphrase, otherMeeting]) {
      expect(other.verificationCode).not.toBe(keys.verificationCode);
      expect(other.fingerprint).not.toBe(keys.fingerprint);
      const envelope = await encryptText(other.text, "secret");
      await expect(decryptText(keys.text, envelope)).rejects.toBeInstanceOf(E2eeDecryptError);
    }
  });

  it("treats composed and decomposed spellings of a passphrase as one", async () => {
    expect((await deriveMeetingKeys("p\u00e4ss", MEETING)).verificationCode).toBe(decomposed.verificationCode);
  });

  it("keeps the text key inside WebCrypto: AES-GCM 256, not extractable", async () => {
    expect(keys.text.algorithm).toMatchObject({ name: "AES-GCM", length: 256 });
    expect(keys.text.extractable).toBe(false);
    expect([...keys.text.usages].sort()).toEqual(["decrypt", "encrypt"]);
    await expect(globalThis.crypto.subtle.exportKey("raw", keys.text)).rejects.toThrow();
  });

  it("matches an independent PBKDF2 → HKDF computation (so other clients can derive the same keys)", async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(200_000);
    const master = pbkdf2Sync(PASSPHRASE, `parley-e2ee-v1:${MEETING}`, PBKDF2_ITERATIONS, 32, "sha256");
    const hkdf = (info: string, bytes: number) => Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), info, bytes));

    const code = (BigInt(`0x${hkdf("parley-e2ee-v1 verification-code", 8).toString("hex")}`) % 10n ** 15n)
      .toString()
      .padStart(15, "0")
      .replace(/(\d{3})(?=\d)/g, "$1 ");
    expect(keys.verificationCode).toBe(code);
    expect(keys.fingerprint).toBe(hkdf("parley-e2ee-v1 fingerprint", 16).toString("hex"));

    const reference = await globalThis.crypto.subtle.importKey("raw", hkdf("parley-e2ee-v1 text-key", 32), "AES-GCM", false, [
      "encrypt",
    ]);
    const envelope = await encryptText(reference, "derived elsewhere", MEETING);
    await expect(decryptText(keys.text, envelope, MEETING)).resolves.toBe("derived elsewhere");
  });

  it("still derives the values of version 1 (changing them would lock people out of stored chats and recordings)", () => {
    expect(keys.verificationCode).toBe("618 545 411 242 854");
    expect(keys.fingerprint).toBe("50566fb9481c9eaa562a2d76cc26c55d");
  });

  it("refuses an empty passphrase, an over-long one, or no meeting", async () => {
    await expect(deriveMeetingKeys("", MEETING)).rejects.toThrow(RangeError);
    await expect(deriveMeetingKeys("x".repeat(257), MEETING)).rejects.toThrow(RangeError);
    await expect(deriveMeetingKeys(PASSPHRASE, "")).rejects.toThrow(RangeError);
  });
});

describe("mediaKeyMaterial", () => {
  const bytes = (buffer: ArrayBuffer) => Buffer.from(buffer).toString("hex");

  it("hands LiveKit 256 derived bits (an ArrayBuffer, so LiveKit uses HKDF), not the passphrase", () => {
    const material = mediaKeyMaterial(keys);
    expect(material).toBeInstanceOf(ArrayBuffer);
    expect(material.byteLength).toBe(32);
    expect(typeof material).not.toBe("string");
    expect(Buffer.from(material).toString("utf8")).not.toContain(PASSPHRASE);
  });

  it("is the same for everyone in the meeting, and differs per meeting and per passphrase", () => {
    expect(bytes(mediaKeyMaterial(sameAgain))).toBe(bytes(mediaKeyMaterial(keys)));
    expect(bytes(mediaKeyMaterial(otherMeeting))).not.toBe(bytes(mediaKeyMaterial(keys)));
    expect(bytes(mediaKeyMaterial(otherPassphrase))).not.toBe(bytes(mediaKeyMaterial(keys)));
  });

  it("matches an independent PBKDF2 → HKDF computation with its own label", () => {
    const master = pbkdf2Sync(PASSPHRASE, `parley-e2ee-v1:${MEETING}`, PBKDF2_ITERATIONS, 32, "sha256");
    const expected = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "parley-e2ee-v1 media-key", 32)).toString("hex");
    expect(bytes(mediaKeyMaterial(keys))).toBe(expected);
    expect(expected).not.toBe(Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "parley-e2ee-v1 text-key", 32)).toString("hex"));
  });

  it("gives LiveKit a copy: what it does to the buffer does not change the meeting's key", () => {
    const before = bytes(keys.media);
    new Uint8Array(mediaKeyMaterial(keys)).fill(0);
    expect(bytes(keys.media)).toBe(before);
  });
});

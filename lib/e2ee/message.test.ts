import { beforeAll, describe, expect, it } from "vitest";
import { messageAad, openMessage, sealMessage, type MessageBinding } from "./message";
import { decryptText, encryptText } from "./text";

const CHAT: MessageBinding = {
  kind: "chat",
  meetingCode: "abc-defg-hij",
  senderIdentity: "usr_alice",
  messageId: "6f1c8f0e-9a55-4c2e-8a55-0a9d1f3e7b21",
};
let key: CryptoKey;

beforeAll(async () => {
  key = await globalThis.crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
});

describe("sealMessage / openMessage", () => {
  it("opens a message under exactly the binding it was sealed with", async () => {
    const envelope = await sealMessage(key, "The merger closes on Friday", CHAT);
    await expect(openMessage(key, envelope, { ...CHAT })).resolves.toEqual({ status: "ok", text: "The merger closes on Friday" });
  });

  it.each([
    ["re-attributed to another sender", { senderIdentity: "usr_mallory" }],
    ["replayed under another message id", { messageId: "0b6e2d4a-3f1c-4d7e-9a8b-5c6d7e8f9a0b" }],
    ["moved into another meeting", { meetingCode: "xyz-defg-hij" }],
    ["passed off as a caption", { kind: "caption" as const }],
  ])("refuses a message %s", async (_, change) => {
    const envelope = await sealMessage(key, "only from alice, only this once", CHAT);
    await expect(openMessage(key, envelope, { ...CHAT, ...change })).resolves.toEqual({ status: "undecryptable", reason: "authentication" });
  });

  it("refuses an envelope bound to the meeting code only (the AAD of version 1)", async () => {
    const legacy = await encryptText(key, "bound to the meeting only", CHAT.meetingCode);
    await expect(openMessage(key, legacy, CHAT)).resolves.toEqual({ status: "undecryptable", reason: "authentication" });
  });

  it("reports a body that is no envelope as plaintext, never as the sender's text", async () => {
    for (const body of ["hello", "", "e2ee:v1: looks like one", "e2ee:v1:AAAA:BBBB"]) {
      await expect(openMessage(key, body, CHAT)).resolves.toEqual({ status: "plaintext" });
    }
  });

  it("cannot be confused by fields that run into each other", () => {
    const a = messageAad({ ...CHAT, senderIdentity: "usr_a", messageId: "b:c" });
    const b = messageAad({ ...CHAT, senderIdentity: "usr_a:b", messageId: "c" });
    const c = messageAad({ ...CHAT, senderIdentity: 'usr_a","b', messageId: "c" });
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it("is the text envelope underneath, with the binding as its AAD", async () => {
    const envelope = await sealMessage(key, "same format as before", CHAT);
    await expect(decryptText(key, envelope, messageAad(CHAT))).resolves.toBe("same format as before");
  });

  it("refuses to seal without a sender or an id", async () => {
    await expect(sealMessage(key, "x", { ...CHAT, senderIdentity: "" })).rejects.toThrow(RangeError);
    await expect(sealMessage(key, "x", { ...CHAT, messageId: "" })).rejects.toThrow(RangeError);
    await expect(sealMessage(key, "x", { ...CHAT, meetingCode: "" })).rejects.toThrow(RangeError);
  });
});

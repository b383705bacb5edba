// Chat messages and captions of an end-to-end encrypted meeting, sealed with the meeting's text key
// (text.ts) and bound through the AAD to what the receiver already trusts about them: the meeting,
// who sent it (the identity LiveKit or our server attributes, never one the payload claims), the
// message's own id, and whether it is chat or a caption. So whoever stores or relays envelopes
// (the server, its operator, the SFU) cannot re-attribute one to another person, replay it under
// another id, or pass a caption off as a chat message. A body that is not an envelope at all is
// reported as plaintext, for the caller to hide and flag, never to show as the sender's words.

import { decryptText, E2eeDecryptError, encryptText, isEncryptedText, type E2eeDecryptReason } from "./text";

export type MessageKind = "chat" | "caption";

export type MessageBinding = {
  kind: MessageKind;
  /** The canonical code of the meeting (`abc-defg-hij`). */
  meetingCode: string;
  /** The sender's LiveKit identity (our user or guest id), as the receiver learns it from LiveKit or the server. */
  senderIdentity: string;
  /** The chat message's clientId, or the caption's segmentId. */
  messageId: string;
};

export type OpenedMessage =
  | { status: "ok"; text: string }
  /** Not an envelope: in an encrypted meeting, someone (or the server) sent text in the clear. */
  | { status: "plaintext" }
  | { status: "undecryptable"; reason: E2eeDecryptReason };

/** Bump together with any change to what is bound; envelopes sealed under another label do not open. */
const AAD_LABEL = "parley-e2ee-v2 message";

/**
 * A JSON array of strings: one spelling per tuple, and no choice of fields can run into the next
 * (unlike plain concatenation, where "ab"+"c" and "a"+"bc" collide).
 */
export function messageAad({ kind, meetingCode, senderIdentity, messageId }: MessageBinding): string {
  if (!meetingCode || !senderIdentity || !messageId) throw new RangeError("A sealed message needs its meeting, sender and id");
  return JSON.stringify([AAD_LABEL, kind, meetingCode, senderIdentity, messageId]);
}

export async function sealMessage(key: CryptoKey, plaintext: string, binding: MessageBinding): Promise<string> {
  return encryptText(key, plaintext, messageAad(binding));
}

/** Never throws for what a sender or the server can put in `body`; anything else (a key that cannot decrypt) is a bug and is rethrown. */
export async function openMessage(key: CryptoKey, body: string, binding: MessageBinding): Promise<OpenedMessage> {
  if (!isEncryptedText(body)) return { status: "plaintext" };
  // Nothing was ever sealed without a sender and an id: such a message cannot be authentic.
  if (!binding.meetingCode || !binding.senderIdentity || !binding.messageId) return { status: "undecryptable", reason: "malformed" };
  try {
    return { status: "ok", text: await decryptText(key, body, messageAad(binding)) };
  } catch (error) {
    if (error instanceof E2eeDecryptError) return { status: "undecryptable", reason: error.reason };
    throw error;
  }
}

// End-to-end encryption for meetings: the passphrase lives only in the URL fragment, keys are
// derived in the browser, and the server stores only ciphertext. Browser-safe (WebCrypto only).
export {
  generatePassphrase,
  hashWithPassphrase,
  isUsablePassphrase,
  normalizePassphrase,
  readPassphraseFromHash,
  stripPassphraseFromUrl,
} from "./fragment";
export { deriveMeetingKeys, mediaKeyMaterial, PBKDF2_ITERATIONS, type MeetingKeys } from "./keys";
export {
  decryptText,
  E2eeDecryptError,
  encryptText,
  envelopeLength,
  isEncryptedText,
  maxPlaintextBytesForEnvelope,
  type E2eeDecryptReason,
} from "./text";
export { messageAad, openMessage, sealMessage, type MessageBinding, type MessageKind, type OpenedMessage } from "./message";
export {
  decryptChunk,
  decryptStream,
  encryptChunk,
  FRAME_OVERHEAD_BYTES,
  type DecryptStreamOptions,
  type EncryptChunkOptions,
} from "./blob";

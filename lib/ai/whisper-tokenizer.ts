import { z } from "zod";

/**
 * Whisper's tokens as models/whisper/convert.py writes them (whisper-base-tokens.json): every id's
 * byte-level BPE string, the special ids and the suppress lists. Decoding maps each character of
 * those strings back to a byte (GPT-2's table) and reads the bytes as UTF-8, so a Chinese character
 * split over two tokens comes out whole once both have arrived.
 */
export const whisperTokensSchema = z.object({
  special: z.object({
    eot: z.number().int(),
    sot: z.number().int(),
    translate: z.number().int(),
    transcribe: z.number().int(),
    startOfLm: z.number().int(),
    startOfPrev: z.number().int(),
    noSpeech: z.number().int(),
    noTimestamps: z.number().int(),
    timestampBegin: z.number().int(),
  }),
  languages: z.record(z.string(), z.number().int()),
  suppressTokens: z.array(z.number().int()),
  suppressAtBegin: z.array(z.number().int()),
  vocab: z.array(z.string()),
});
export type WhisperTokens = z.infer<typeof whisperTokensSchema>;

/** GPT-2's byte ↔ printable-character table: bytes that are printable map to themselves, the rest to U+0100 onwards. */
function byteDecoder(): Map<string, number> {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const table = new Map<string, number>();
  let extra = 0;
  for (let b = 0; b < 256; b++) table.set(String.fromCharCode(printable(b) ? b : 256 + extra++), b);
  return table;
}

export class WhisperTokenizer {
  private readonly bytesOf: Uint8Array[];
  private readonly utf8 = new TextDecoder("utf-8");

  constructor(readonly tokens: WhisperTokens) {
    const table = byteDecoder();
    // Only text tokens (ids below <|endoftext|>) decode to bytes; specials and timestamps to nothing.
    this.bytesOf = tokens.vocab.map((piece, id) => (id < tokens.special.eot ? Uint8Array.from(Array.from(piece), (ch) => table.get(ch) ?? 0x3f) : new Uint8Array(0)));
  }

  /** Whether `id` is text (not a special, language or timestamp token). */
  isText(id: number): boolean {
    return id >= 0 && id < this.tokens.special.eot;
  }

  /** The text of `ids`. With `complete`, bytes of a character still missing its last token are left out (for partial captions). */
  decode(ids: readonly number[], { complete = false }: { complete?: boolean } = {}): string {
    const parts = ids.filter((id) => this.isText(id)).map((id) => this.bytesOf[id]);
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      bytes.set(part, at);
      at += part.length;
    }
    return this.utf8.decode(complete ? bytes.subarray(0, completeUtf8Length(bytes)) : bytes).trim();
  }
}

/** The length of `bytes` without a trailing, unfinished UTF-8 sequence. */
export function completeUtf8Length(bytes: Uint8Array): number {
  // Walk back over at most 3 continuation bytes to the lead byte of the last character.
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const needed = b < 0x80 ? 1 : (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 1;
    return needed > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

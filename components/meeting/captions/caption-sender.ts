import type { Room } from "livekit-client";
import { sealMessage } from "@/lib/e2ee";
import { postCaption } from "@/lib/meetings/captions-api";
import type { PostCaptionRequest } from "@/lib/meetings/captions";

/** Partial results are sent at most this often; finals at once. */
const PARTIAL_POST_MS = 700;

export type SenderContext = { code: string; textKey: CryptoKey | null; room: Room };

/**
 * Posts captions: partials throttled and only the newest kept (a lost partial is replaced by the
 * next one), finals each retried with the same segment id until stored (the server stores once).
 */
export function createCaptionSender(latest: () => SenderContext) {
  let lastPartialAt = 0;
  let waiting: PostCaptionRequest | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function send(caption: PostCaptionRequest) {
    const { code, textKey, room } = latest();
    // Bound to the identity the server will attribute it to (this connection's), read when it goes out.
    const binding = { kind: "caption", meetingCode: code, senderIdentity: room.localParticipant.identity, messageId: caption.segmentId } as const;
    if (textKey && !binding.senderIdentity) return { ok: false as const, status: 0, code: "not_connected", message: "Not connected to the room yet" };
    const body = textKey ? { ...caption, text: await sealMessage(textKey, caption.text, binding) } : caption;
    return postCaption(code, body);
  }

  function flushPartial() {
    timer = null;
    const next = waiting;
    waiting = null;
    if (!next) return;
    lastPartialAt = Date.now();
    void send(next).then((result) => {
      if (!result.ok && result.status !== 409) console.warn("[captions] a partial caption was not relayed", result);
    });
  }

  return {
    partial(caption: PostCaptionRequest) {
      waiting = caption;
      if (timer) return;
      timer = setTimeout(flushPartial, Math.max(0, lastPartialAt + PARTIAL_POST_MS - Date.now()));
    },
    final(caption: PostCaptionRequest) {
      if (waiting?.segmentId === caption.segmentId) waiting = null;
      void (async () => {
        for (let attempt = 0; attempt < 6; attempt++) {
          const result = await send(caption);
          if (result.ok) return;
          const transient = result.status === 0 || result.status === 408 || result.status === 429 || result.status >= 500;
          if (!transient) return console.warn("[captions] the server refused a caption", result);
          await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
        }
        console.error("[captions] a caption could not be stored after retries", caption.segmentId);
      })();
    },
  };
}

import { z } from "zod";

/**
 * Speaking indicators from each speaker's own voice-activity detector (Silero VAD on their device),
 * not from the SFU's audio levels, so typing, a fan or a beeping phone does not light up a tile. The
 * speaker's device posts each change to `POST /api/meetings/:code/voice`; the server keeps it as
 * the participant attribute `speaking` ("1" or "0"; participants cannot set their own attributes),
 * so everyone, late joiners too, sees the same. Someone whose device has said nothing (its
 * detector failed to load, an older client) falls back to LiveKit's own speaking state.
 * Browser-safe (no server imports).
 */
export const SPEAKING_ATTRIBUTE = "speaking";

export const postVoiceSchema = z.object({ speaking: z.boolean({ message: "speaking must be true or false" }) });
export type PostVoiceRequest = z.infer<typeof postVoiceSchema>;

export const speakingAttribute = (speaking: boolean) => (speaking ? "1" : "0");

/** What the participant's own detector last said: undefined when it has said nothing. */
export function detectorSays(attribute: string | undefined): boolean | undefined {
  return attribute === "1" ? true : attribute === "0" ? false : undefined;
}

/**
 * Whether a tile shows its person speaking: a muted microphone never speaks; otherwise their own
 * detector's word when it has sent one, and the SFU's audio-level guess when it has not.
 */
export function isSpeaking({ detector, sfu, micOff }: { detector: boolean | undefined; sfu: boolean; micOff: boolean }): boolean {
  if (micOff) return false;
  return detector ?? sfu;
}

/**
 * Posts speaking changes one at a time, newest wins: a change made while one is on its way is sent
 * after it (only the latest), and nothing is sent when the state the server last heard is current.
 * A failed post is retried with the newest state after `retryMs`.
 */
export function createVoiceSender(post: (speaking: boolean) => Promise<{ ok: boolean; status: number }>, { retryMs = 1_000 } = {}) {
  let sent: boolean | null = null;
  let wanted: boolean | null = null;
  let busy = false;
  let disposed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  async function pump() {
    if (busy || disposed || retry) return; // a retry is due: it sends the newest state
    while (wanted !== null && wanted !== sent && !disposed) {
      busy = true;
      const value = wanted;
      const result = await post(value).catch(() => ({ ok: false, status: 0 }));
      busy = false;
      if (!result.ok) {
        // Refused for good (4xx other than rate limits): stop; the SFU's indicator still works.
        if (result.status >= 400 && result.status < 500 && result.status !== 408 && result.status !== 429) disposed = true;
        else retry ??= setTimeout(() => ((retry = null), void pump()), retryMs);
        return;
      }
      sent = value;
    }
  }

  return {
    set(speaking: boolean) {
      wanted = speaking;
      void pump();
    },
    /** Stops sending; `last` (e.g. false when the microphone goes away) is still sent if the server heard otherwise. */
    dispose(last?: boolean) {
      if (retry) clearTimeout(retry);
      if (last !== undefined && sent !== null && sent !== last) void post(last).catch(() => undefined);
      disposed = true;
    },
  };
}

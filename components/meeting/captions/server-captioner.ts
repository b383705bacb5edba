import type { AsrLanguage } from "@/lib/ai/asr-protocol";
import type { VadResponse } from "@/lib/ai/vad-protocol";
import { speechSegmentWav } from "@/lib/audio/wav";
import { transcribeOnServer } from "@/lib/meetings/captions-api";
import type { createCaptionSender } from "./caption-sender";
import type { VoiceFeed } from "../voice/use-local-voice";

/** Segments waiting for the server beyond this are dropped (it is behind; live captions of old speech help nobody). */
const MAX_WAITING = 3;
const ATTEMPTS = 3;

type Context = { code: string; language: AsrLanguage | "auto"; encrypted: boolean };

/**
 * Captions of this device's speech made on the meeting's transcription server: each finished segment
 * of the voice detector (not a stream, and no partials) goes as 16-bit WAV to our server, which
 * forwards it; the text comes back and is published like any caption. One segment at a time, in
 * order. Returns the cleanup; like the on-device path it keeps listening a while after, so what was
 * being said when it stopped (the microphone went away, a host switched) is still captioned; speech
 * that starts later is not sent.
 */
export function startServerCaptions({ feed, context, sender, onProblem, finishMs }: {
  feed: VoiceFeed;
  context: () => Context;
  sender: ReturnType<typeof createCaptionSender>;
  /** A failure to tell the speaker about (null once segments go through again). */
  onProblem: (problem: { status: number; code: string | null; message: string | null } | null) => void;
  finishMs: number;
}): () => void {
  let queue = Promise.resolve();
  let waiting = 0;
  let stoppedAt = Number.POSITIVE_INFINITY;

  const transcribe = async (segment: { id: string; wav: Uint8Array<ArrayBuffer>; startedAt: string; endedAt: string }) => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const { code, language, encrypted } = context();
      // CAUTION: checked again as each segment goes out; an end-to-end encrypted meeting's audio never leaves this device.
      if (encrypted) return;
      const result = await transcribeOnServer(code, segment.wav, language);
      if (result.ok) {
        onProblem(null);
        const { text, language: spoken } = result.data;
        if (text) sender.final({ segmentId: segment.id, final: true, language: spoken, startedAt: segment.startedAt, endedAt: segment.endedAt, text });
        return;
      }
      onProblem({ status: result.status, code: result.code, message: result.message });
      const transient = result.status === 0 || result.status === 429 || result.status === 503;
      if (!transient) return console.warn("[captions] the server refused a speech segment", result);
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
    }
    console.warn("[captions] a speech segment was not transcribed: the transcription server stayed unavailable");
  };

  const onVad = (event: MessageEvent<VadResponse>) => {
    const m = event.data;
    // Only whole segments: the speech in progress ("progress", for on-device partials) stays here.
    if (m.type !== "segment" || context().encrypted) return;
    const origin = feed.origin();
    if (origin + m.startMs > stoppedAt) return;
    if (waiting >= MAX_WAITING) return console.warn("[captions] the transcription server is behind; a speech segment was skipped");
    // Written from the detector's buffer (other listeners share it), not transferred.
    const segment = { id: crypto.randomUUID(), wav: speechSegmentWav(m.audio), startedAt: new Date(origin + m.startMs).toISOString(), endedAt: new Date(origin + m.endMs).toISOString() };
    waiting++;
    queue = queue
      .then(() => transcribe(segment))
      .catch((error: unknown) => console.error("[captions] transcribing a speech segment on the server failed", error))
      .finally(() => void waiting--);
  };

  const vad = feed.worker;
  vad.addEventListener("message", onVad);
  console.info("[captions] captioning this microphone on the transcription server");
  return () => {
    stoppedAt = Date.now();
    setTimeout(() => vad.removeEventListener("message", onVad), finishMs);
  };
}

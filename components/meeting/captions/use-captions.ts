import { useCallback, useEffect, useRef, useState } from "react";
import { useDataChannel } from "@livekit/components-react";
import type { Participant } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import { openMessage } from "@/lib/e2ee";
import { liveCaptions, mergeCaption, mergeStoredCaptions, type CaptionEntry } from "@/lib/meetings/caption-state";
import { CAPTION_TOPIC, decodeCaptionSignal, type CaptionSignal } from "@/lib/meetings/captions";
import { fetchTranscript } from "@/lib/meetings/captions-api";
import { isFromServer } from "@/lib/meetings/room-signals";
import { useMeetingKeyContext } from "../e2ee/meeting-key-context";

export type RoomCaptions = {
  /** Every segment this viewer has (live and from the stored transcript), in speaking order. */
  entries: CaptionEntry[];
  /** The lines the subtitles show now. */
  live: CaptionEntry[];
  /** The stored transcript could not be loaded (the live captions still arrive). */
  historyFailed: boolean;
};

/**
 * The captions everyone's devices publish, as this viewer receives them: relayed by the server on
 * `parley.caption` (packets from participants are ignored: they could caption in another's name),
 * decrypted in end-to-end encrypted meetings, merged with the stored transcript when captions are on.
 */
export function useRoomCaptions({ code, enabled }: { code: string; enabled: boolean }): RoomCaptions {
  const t = useT();
  const [entries, setEntries] = useState<CaptionEntry[]>([]);
  const [historyFailed, setHistoryFailed] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const textKey = useMeetingKeyContext()?.keys.text ?? null;
  const undecryptable = t("captions.undecryptable");
  const plaintextHidden = t("captions.plaintextHidden");
  const crypt = useRef({ textKey, undecryptable, plaintextHidden });
  useEffect(() => {
    crypt.current = { textKey, undecryptable, plaintextHidden };
  });
  // Opened under the identity the server attributed (relayed or stored), bound to the segment: the
  // server can neither put words in another speaker's mouth nor replay a segment under a new id.
  const reveal = useCallback(
    async <C extends { text: string; identity: string; segmentId: string }>(caption: C): Promise<C> => {
      const { textKey: key } = crypt.current;
      if (!key) return caption;
      const opened = await openMessage(key, caption.text, { kind: "caption", meetingCode: code, senderIdentity: caption.identity, messageId: caption.segmentId });
      if (opened.status === "ok") return { ...caption, text: opened.text };
      const where = { identity: caption.identity, segmentId: caption.segmentId };
      if (opened.status === "plaintext") console.warn("[captions] hid an unencrypted caption in an end-to-end encrypted meeting", where);
      else console.warn(`[captions] could not decrypt a caption (${opened.reason})`, where);
      return { ...caption, text: opened.status === "plaintext" ? crypt.current.plaintextHidden : crypt.current.undecryptable };
    },
    [code],
  );

  const onPacket = useCallback(
    (packet: { payload: Uint8Array; from?: Participant }) => {
      // CAUTION: only the server relays captions, attributed by it; anything a participant sends here is forged.
      if (!isFromServer(packet)) return console.warn("[captions] ignored a caption packet sent by participant", packet.from?.identity);
      const signal = decodeCaptionSignal(packet.payload);
      if (!signal) return console.warn("[captions] ignored a malformed caption packet");
      void reveal<CaptionSignal>(signal).then((revealed) => {
        const at = Date.now();
        setNow(at);
        setEntries((current) => mergeCaption(current, revealed, at));
      });
    },
    [reveal],
  );
  useDataChannel(CAPTION_TOPIC, onPacket);

  // What was said before this viewer joined (or turned captions on): the stored transcript.
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    void fetchTranscript(code, abort.signal).then(async (result) => {
      if (abort.signal.aborted) return;
      if (!result.ok) {
        console.warn("[captions] could not load the transcript so far", result);
        return setHistoryFailed(true);
      }
      setHistoryFailed(false);
      const stored = await Promise.all(result.data.segments.map((s) => reveal(s)));
      setEntries((current) => mergeStoredCaptions(current, stored));
    });
    return () => abort.abort();
  }, [code, enabled, reveal]);

  const live = liveCaptions(entries, now);
  // Lines fade on their own: tick while any are on screen.
  const showing = live.length > 0;
  useEffect(() => {
    if (!showing) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [showing]);

  return { entries, live, historyFailed };
}

import { useCallback, useState } from "react";
import { useDataChannel, useRoomContext } from "@livekit/components-react";
import type { Participant } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import { getKnockStatus } from "@/lib/meetings/meeting-api";
import { CONTROL_TOPIC, decodeControlNotice, isFromServer } from "@/lib/meetings/room-signals";
import type { Removal } from "./connection-banner";
import type { ToastTone } from "./use-toasts";

export type UnmuteRequest = { source: "microphone" | "camera"; by: string };

/**
 * What hosts did to you, as the server reports it on `parley.control`: a request to unmute (you
 * decide), a mute (you are told), a removal (it says whether you may come back; the disconnect follows).
 */
export function useControlNotices(code: string, notify: (text: string, tone?: ToastTone) => void) {
  const t = useT();
  const room = useRoomContext();
  const [unmuteRequest, setUnmuteRequest] = useState<UnmuteRequest | null>(null);
  const [removal, setRemoval] = useState<Removal | null>(null);

  const onPacket = useCallback(
    (packet: { payload: Uint8Array; from?: Participant }) => {
      // CAUTION: a participant can publish on any topic; only the server's packets (no sender) count.
      if (!isFromServer(packet)) return console.warn("[room] ignored a control packet sent by participant", packet.from?.identity);
      const notice = decodeControlNotice(packet.payload);
      if (!notice) return console.warn("[room] ignored a malformed control packet");
      switch (notice.type) {
        case "unmute_request":
          setUnmuteRequest({ source: notice.source, by: notice.by });
          break;
        case "muted":
          notify(t(`meeting.notices.muted.${notice.source}`, { by: notice.by }));
          // The server can only mute a screen track; end the share so the others do not keep a frozen stage.
          if (notice.source === "screen_share") {
            room.localParticipant.setScreenShareEnabled(false).catch((error: unknown) => console.warn("[room] could not stop the screen share", error));
          }
          break;
        case "removed":
          setRemoval({ banned: notice.banned });
          // Asking where we stand (403 "banned") is what leaves this browser the meeting's ban marker,
          // so a new guest name or another account does not bring it back in.
          if (notice.banned) void getKnockStatus(code);
          break;
      }
    },
    [code, notify, room, t],
  );
  useDataChannel(CONTROL_TOPIC, onPacket);

  return { unmuteRequest, dismissUnmuteRequest: useCallback(() => setUnmuteRequest(null), []), removal };
}

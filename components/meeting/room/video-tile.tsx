"use client";

import { useMemo } from "react";
import { VideoTrack, isTrackReference, useIsMuted, useIsSpeaking, useParticipantAttribute, type TrackReferenceOrPlaceholder } from "@livekit/components-react";
import { Track } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import { HAND_ATTRIBUTE, handRaisedAt } from "@/lib/meetings/hands";
import { initialsOf } from "@/lib/meetings/participant-info";
import { detectorSays, isSpeaking, SPEAKING_ATTRIBUTE } from "@/lib/meetings/voice-activity";
import styles from "../meeting.module.css";
import { ConnectionQuality } from "./connection-quality";
import { Icon } from "./icons";

export const tileKey = (ref: TrackReferenceOrPlaceholder) => `${ref.participant.identity}:${ref.source}`;

/** One camera or screen: video when there is one, initials when the camera is off; name, mic, hand and signal on top. */
export function VideoTile({ trackRef, className }: { trackRef: TrackReferenceOrPlaceholder; className?: string }) {
  const t = useT();
  const { participant, source } = trackRef;
  const isScreen = source === Track.Source.ScreenShare;
  const videoMuted = useIsMuted(trackRef);
  const micRef = useMemo(() => ({ participant, source: Track.Source.Microphone }), [participant]);
  const micMuted = useIsMuted(micRef);
  // No microphone publication at all (joined muted, view-only) counts as muted too.
  const micOff = micMuted || !participant.getTrackPublication(Track.Source.Microphone);
  // Their own voice detector's word when their device sends it; the SFU's audio-level guess otherwise.
  const sfuSpeaking = useIsSpeaking(participant);
  const detector = detectorSays(useParticipantAttribute(SPEAKING_ATTRIBUTE, { participant }));
  const speaking = isSpeaking({ detector, sfu: sfuSpeaking, micOff }) && !isScreen;
  const handUp = handRaisedAt(useParticipantAttribute(HAND_ATTRIBUTE, { participant })) !== null && !isScreen;
  const hasVideo = isTrackReference(trackRef) && !videoMuted;
  const name = participant.name || participant.identity;
  const label = isScreen ? t("meeting.room.tile.screenOf", { name }) : participant.isLocal ? t("meeting.nameWithYou", { name }) : name;
  // Your own camera is mirrored, as in a mirror; screens and other people never are.
  const mirrored = participant.isLocal && !isScreen;

  return (
    <div
      data-testid="video-tile"
      data-identity={participant.identity}
      data-source={source}
      data-speaking={String(speaking)}
      data-speaking-by={detector === undefined ? "sfu" : "detector"}
      data-sfu-speaking={String(sfuSpeaking)}
      data-hand-raised={String(handUp)}
      className={[styles.tile, isScreen && styles.tileScreen, speaking && styles.tileSpeaking, className].filter(Boolean).join(" ")}
    >
      {hasVideo ? (
        <VideoTrack trackRef={trackRef} className={[styles.tileVideo, mirrored && styles.mirrored].filter(Boolean).join(" ")} />
      ) : (
        <div className={styles.tilePlaceholder} aria-hidden="true">
          <span className={styles.avatar}>{initialsOf(name)}</span>
        </div>
      )}
      {handUp && (
        <span className={styles.tileHand}>
          <Icon name="hand" label={t("meeting.room.tile.handRaised")} />
        </span>
      )}
      <div className={styles.tileInfo}>
        {!isScreen && micOff && <Icon name="micOff" label={t("meeting.room.tile.micOff")} className={styles.tileMicOff} />}
        <span className={styles.tileName}>{label}</span>
      </div>
      {!isScreen && (
        <div className={styles.tileQuality}>
          <ConnectionQuality participant={participant} />
        </div>
      )}
    </div>
  );
}

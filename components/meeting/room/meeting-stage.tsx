"use client";

import { isTrackReference, useParticipants, useSpeakingParticipants, useTracks, type TrackReference } from "@livekit/components-react";
import { RoomEvent, Track } from "livekit-client";
import { orderTiles } from "@/lib/meetings/grid-layout";
import { detectorSays, isSpeaking, SPEAKING_ATTRIBUTE } from "@/lib/meetings/voice-activity";
import { ScreenShareLayout } from "./screen-share-layout";
import { VideoGrid } from "./video-grid";
import { tileKey } from "./video-tile";

const SOURCES = [
  { source: Track.Source.Camera, withPlaceholder: true },
  { source: Track.Source.ScreenShare, withPlaceholder: false },
];

/** Picks the layout: a grid of cameras, or a shared screen on stage with the cameras in a strip. */
export function MeetingStage() {
  const trackRefs = useTracks(SOURCES);
  // Subscribing here re-renders on every active-speaker change, which re-sorts the tiles.
  const speakers = useSpeakingParticipants();
  const sfuSpeaking = new Set(speakers.map((p) => p.identity));
  // Each speaker's own detector (their `speaking` attribute) goes first: re-render when one changes.
  useParticipants({ updateOnlyOn: [RoomEvent.ParticipantAttributesChanged] });

  // Not usePagination: it re-sorts in LiveKit's order (you first, speakers moved only when off-page).
  const cameras = orderTiles(
    trackRefs.filter((ref) => ref.source === Track.Source.Camera),
    (ref) => ({
      key: tileKey(ref),
      isSpeaking: isSpeaking({ detector: detectorSays(ref.participant.attributes[SPEAKING_ATTRIBUTE]), sfu: sfuSpeaking.has(ref.participant.identity), micOff: !ref.participant.isMicrophoneEnabled }),
      audioLevel: ref.participant.audioLevel,
      isLocal: ref.participant.isLocal,
      joinedAt: ref.participant.joinedAt?.getTime() ?? 0,
    }),
  );
  // Someone else's screen goes on stage before your own (you already know what you are sharing).
  // A screen a host muted is skipped until its owner's client ends the share.
  const screens = trackRefs
    .filter((ref): ref is TrackReference => ref.source === Track.Source.ScreenShare && isTrackReference(ref) && !ref.publication.isMuted)
    .sort((a, b) => Number(a.participant.isLocal) - Number(b.participant.isLocal));

  if (screens.length === 0) return <VideoGrid tiles={cameras} />;
  const [stage, ...otherScreens] = screens;
  return <ScreenShareLayout stage={stage} strip={[...otherScreens, ...cameras]} />;
}

"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import { LiveKitRoom, RoomAudioRenderer } from "@livekit/components-react";
import { ConnectionError, ConnectionErrorReason, DisconnectReason, MediaDeviceFailure, Track, VideoPresets, type RoomOptions } from "livekit-client";
import styles from "../meeting.module.css";
import type { JoinChoices } from "../prejoin/pre-join";
import type { RoomEnding } from "./connection-banner";
import { isWorthReporting, type MediaProblem } from "./media-notice";
import type { ToggleableSource } from "./media-toggle";
import { RoomView, type RoomSelf } from "./room-view";

type Props = {
  serverUrl: string;
  token: string;
  code: string;
  title: string;
  self: RoomSelf;
  choices: JoinChoices;
  onLeave: () => void;
};

const sourceOfKind = (kind?: MediaDeviceKind) => (kind === "videoinput" ? Track.Source.Camera : Track.Source.Microphone);

/** Connects to the LiveKit room with the pre-join choices and shows the meeting until the person leaves. */
export function MeetingRoom({ serverUrl, token, code, title, self, choices, onLeave }: Props) {
  const [ending, setEnding] = useState<RoomEnding | null>(null);
  const [problem, setProblem] = useState<MediaProblem | null>(null);
  const leavingRef = useRef(false);

  // Later toggles and device switches reuse the devices picked before joining.
  const options = useMemo<RoomOptions>(
    () => ({
      adaptiveStream: true,
      dynacast: true,
      audioCaptureDefaults: { deviceId: choices.audioDeviceId, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      videoCaptureDefaults: { deviceId: choices.videoDeviceId, resolution: VideoPresets.h720.resolution },
      audioOutput: choices.audioOutputDeviceId ? { deviceId: choices.audioOutputDeviceId } : undefined,
    }),
    [choices.audioDeviceId, choices.videoDeviceId, choices.audioOutputDeviceId],
  );

  const onDisconnected = useCallback((reason?: DisconnectReason) => {
    // CLIENT_INITIATED is our own disconnect (Leave, or React unmounting the room in development).
    if (leavingRef.current || reason === DisconnectReason.CLIENT_INITIATED) return;
    setEnding((current) => (current?.kind === "failed" ? current : { kind: "disconnected", reason }));
  }, []);

  const onError = useCallback((error: Error) => {
    if (error instanceof ConnectionError) {
      // Our own disconnect overtook the connect (Leave, or React remounting the room in development).
      if (error.reason === ConnectionErrorReason.Cancelled) return console.info("[room] connect cancelled", error.message);
      console.error("[room] could not connect", error);
      if (!leavingRef.current) setEnding({ kind: "failed", message: error.message });
      return;
    }
    // Device failures while publishing on join also arrive via onMediaDeviceFailure with their kind.
    console.warn("[room] error while joining", error);
  }, []);

  const onMediaDeviceFailure = useCallback((failure?: MediaDeviceFailure, kind?: MediaDeviceKind) => {
    setProblem({ source: sourceOfKind(kind), failure: failure ?? MediaDeviceFailure.Other });
  }, []);

  const onMediaFailure = useCallback((source: ToggleableSource, error: unknown) => {
    if (!isWorthReporting(source, error)) return;
    console.warn(`[room] ${source} failed`, error);
    setProblem({ source, failure: MediaDeviceFailure.getFailure(error) ?? MediaDeviceFailure.Other });
  }, []);

  return (
    <LiveKitRoom
      className={styles.roomContainer}
      serverUrl={serverUrl}
      token={token}
      connect
      audio={choices.audioEnabled}
      video={choices.videoEnabled}
      options={options}
      onDisconnected={onDisconnected}
      onError={onError}
      onMediaDeviceFailure={onMediaDeviceFailure}
    >
      <RoomView
        code={code}
        title={title}
        self={self}
        ending={ending}
        problem={problem}
        onMediaFailure={onMediaFailure}
        onDismissProblem={() => setProblem(null)}
        onLeaving={() => {
          leavingRef.current = true;
        }}
        onLeave={onLeave}
      />
      <RoomAudioRenderer />
    </LiveKitRoom>
  );
}

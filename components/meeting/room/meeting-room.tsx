"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { LiveKitRoom, RoomAudioRenderer } from "@livekit/components-react";
import { ConnectionError, ConnectionErrorReason, DisconnectReason, ExternalE2EEKeyProvider, MediaDeviceFailure, Room, Track, VideoPresets, type RoomOptions } from "livekit-client";
import { readNoiseSuppressionPreference } from "@/lib/audio/noise-suppression";
import { LIVEKIT_E2EE_WORKER_PATH } from "@/lib/e2ee/assets";
import { mediaKeyMaterial } from "@/lib/e2ee";
import { MeetingKeyContext } from "../e2ee/meeting-key-context";
import type { MeetingKey } from "../e2ee/use-meeting-key";
import styles from "../meeting.module.css";
import type { JoinChoices } from "../prejoin/pre-join";
import type { RoomEnding } from "./connection-banner";
import { isWorthReporting, type MediaProblem } from "./media-notice";
import type { ToggleableSource } from "./media-toggle";
import { RoomView, type RoomSelf } from "./room-view";
import type { EmbedLink } from "@/components/embed/use-embed-room-bridge";

type Props = {
  serverUrl: string;
  token: string;
  code: string;
  title: string;
  self: RoomSelf;
  choices: JoinChoices;
  onLeave: () => void;
  embed?: EmbedLink;
  /** End-to-end encrypted: media is encrypted in this browser with a key derived from the meeting's passphrase. */
  e2ee?: MeetingKey | null;
};

const sourceOfKind = (kind?: MediaDeviceKind) => (kind === "videoinput" ? Track.Source.Camera : Track.Source.Microphone);

/** Connects to the LiveKit room with the pre-join choices and shows the meeting until the person leaves. */
export function MeetingRoom({ serverUrl, token, code, title, self, choices, onLeave, embed, e2ee = null }: Props) {
  const [ending, setEnding] = useState<RoomEnding | null>(null);
  const [problem, setProblem] = useState<MediaProblem | null>(null);
  const leavingRef = useRef(false);

  // One Room for this visit. With E2EE, LiveKit's worker encrypts every frame before it leaves and
  // decrypts what arrives (insertable streams); the SFU forwards ciphertext. Connect only once the key is set.
  const keys = e2ee?.keys ?? null;
  const [keyProvider] = useState(() => (keys ? new ExternalE2EEKeyProvider() : null));
  // Later toggles and device switches reuse the devices picked before joining.
  const [room] = useState(() => {
    const options: RoomOptions = {
      adaptiveStream: true,
      dynacast: true,
      // With our noise suppression (RNNoise, useNoiseSuppression) the browser's own is left off: not twice.
      audioCaptureDefaults: { deviceId: choices.audioDeviceId, echoCancellation: true, noiseSuppression: !readNoiseSuppressionPreference(), autoGainControl: true },
      videoCaptureDefaults: { deviceId: choices.videoDeviceId, resolution: VideoPresets.h720.resolution },
      audioOutput: choices.audioOutputDeviceId ? { deviceId: choices.audioOutputDeviceId } : undefined,
    };
    return new Room(keyProvider ? { ...options, e2ee: { keyProvider, worker: new Worker(LIVEKIT_E2EE_WORKER_PATH) } } : options);
  });
  const [ready, setReady] = useState(!keyProvider);
  useEffect(() => {
    if (!keyProvider || !keys) return;
    let cancelled = false;
    void (async () => {
      // The meeting's derived media key, not the passphrase: see mediaKeyMaterial.
      await keyProvider.setKey(mediaKeyMaterial(keys));
      await room.setE2EEEnabled(true);
      if (!cancelled) setReady(true);
    })().catch((error: unknown) => {
      console.error("[room] end-to-end encryption could not start", error);
      if (!cancelled) setEnding({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
    };
  }, [keyProvider, keys, room]);

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
      room={room}
      connect={ready}
      audio={choices.audioEnabled}
      video={choices.videoEnabled}
      onDisconnected={onDisconnected}
      onError={onError}
      onMediaDeviceFailure={onMediaDeviceFailure}
    >
      <MeetingKeyContext.Provider value={e2ee}>
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
        embed={embed}
      />
      </MeetingKeyContext.Provider>
      <RoomAudioRenderer />
    </LiveKitRoom>
  );
}

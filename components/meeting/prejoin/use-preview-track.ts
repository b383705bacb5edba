import { useEffect, useState } from "react";
import {
  MediaDeviceFailure,
  VideoPresets,
  createLocalAudioTrack,
  createLocalVideoTrack,
  type LocalAudioTrack,
  type LocalVideoTrack,
} from "livekit-client";

type Kind = "audioinput" | "videoinput";
type TrackOf<K extends Kind> = K extends "videoinput" ? LocalVideoTrack : LocalAudioTrack;

export type PreviewTrackState<K extends Kind> = {
  track?: TrackOf<K>;
  /** Why the device could not be opened (blocked, missing, busy…). */
  failure?: MediaDeviceFailure;
  starting: boolean;
};

type Settled<K extends Kind> = { request: string; track?: TrackOf<K>; failure?: MediaDeviceFailure };

/**
 * One local preview track per kind, opened separately so a blocked camera does not also take the
 * microphone down (createLocalTracks would fail both). A new track is opened whenever `enabled`,
 * `deviceId` or `attempt` changes; the old one is stopped, as is the last one on unmount, so the
 * camera light goes off when the person turns the camera off or joins.
 */
export function usePreviewTrack<K extends Kind>(kind: K, { enabled, deviceId, attempt }: { enabled: boolean; deviceId?: string; attempt: number }): PreviewTrackState<K> {
  const request = `${enabled}|${deviceId ?? ""}|${attempt}`;
  const [settled, setSettled] = useState<Settled<K> | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let opened: TrackOf<K> | undefined;
    const open =
      kind === "videoinput"
        ? createLocalVideoTrack({ deviceId, resolution: VideoPresets.h720.resolution })
        : createLocalAudioTrack({ deviceId, echoCancellation: true, noiseSuppression: true, autoGainControl: true });
    open.then(
      (track) => {
        if (cancelled) {
          track.stop(); // the person changed their mind while the browser was opening it
          return;
        }
        opened = track as TrackOf<K>;
        setSettled({ request, track: opened });
      },
      (error: unknown) => {
        if (cancelled) return;
        console.warn(`[prejoin] could not open ${kind} for preview`, error);
        setSettled({ request, failure: MediaDeviceFailure.getFailure(error) ?? MediaDeviceFailure.Other });
      },
    );
    return () => {
      cancelled = true;
      opened?.stop();
    };
  }, [kind, enabled, deviceId, request]);

  // Ignore a result that belongs to an earlier request (e.g. the device before the one just picked).
  const current = settled?.request === request ? settled : null;
  if (!enabled) return { starting: false };
  return { track: current?.track, failure: current?.failure, starting: current === null };
}

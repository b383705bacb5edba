import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useLocalParticipant } from "@livekit/components-react";
import type { LocalAudioTrack } from "livekit-client";
import { RnnoiseProcessor, readNoiseSuppressionPreference, saveNoiseSuppressionPreference } from "@/lib/audio/noise-suppression";

// One preference for the pre-join screen and the room, shared by every component that shows it.
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Whether the person wants noise suppression (remembered in localStorage; on by default). */
export function useNoiseSuppressionPreference(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, readNoiseSuppressionPreference, () => true);
  const set = useCallback((next: boolean) => {
    saveNoiseSuppressionPreference(next);
    listeners.forEach((listener) => listener());
  }, []);
  return [on, set];
}

export type NoiseSuppressionStatus = "off" | "starting" | "active" | "unavailable";

export type NoiseSuppression = { wanted: boolean; status: NoiseSuppressionStatus; error: string | null; setWanted: (on: boolean) => void };

/**
 * Puts RNNoise on the local microphone track while the person wants it (and takes it off when
 * not), for as long as the room publishes a microphone. Changes run one after another, so quick
 * clicks cannot leave two processors or a half-built one behind.
 */
export function useNoiseSuppression(): NoiseSuppression {
  const [wanted, setWanted] = useNoiseSuppressionPreference();
  const { microphoneTrack } = useLocalParticipant();
  const track = microphoneTrack?.track as LocalAudioTrack | undefined;
  const [state, setState] = useState<{ track: LocalAudioTrack; wanted: boolean; status: NoiseSuppressionStatus; error: string | null } | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    if (!track) return;
    let current = true;
    const report = (status: NoiseSuppressionStatus, error: string | null = null) => {
      if (current) setState({ track, wanted, status, error });
    };
    queue.current = queue.current.then(async () => {
      try {
        if (wanted) {
          if (track.getProcessor()?.name === "parley-rnnoise") return report("active");
          report("starting");
          await setBrowserNoiseSuppression(track, false);
          await track.setProcessor(new RnnoiseProcessor());
          report("active");
        } else {
          if (track.getProcessor()) await track.stopProcessor();
          await setBrowserNoiseSuppression(track, true);
          report("off");
        }
      } catch (error) {
        console.error("[room] noise suppression could not be changed", error);
        // Without ours, the browser's own suppression is better than none.
        await setBrowserNoiseSuppression(track, true).catch((e: unknown) => console.warn("[room] could not turn the browser's noise suppression back on", e));
        report("unavailable", error instanceof Error ? error.message : String(error));
      }
    });
    return () => {
      current = false;
    };
  }, [track, wanted]);

  const settled = state && state.track === track && state.wanted === wanted ? state : null;
  const status: NoiseSuppressionStatus = !track ? (wanted ? "starting" : "off") : (settled?.status ?? (wanted ? "starting" : "off"));
  return { wanted, status, error: settled?.error ?? null, setWanted };
}

/**
 * The browser's own noise suppression, as a capture constraint. With RNNoise on it is turned off,
 * so the voice is not denoised twice (two suppressors in a row take more of the speech with the
 * noise, and cost CPU for nothing). Chromium ignores this constraint in applyConstraints, so the
 * microphone is reopened with it (same device, same echo cancellation and gain control).
 */
async function setBrowserNoiseSuppression(track: LocalAudioTrack, on: boolean): Promise<void> {
  const settings = track.mediaStreamTrack.getSettings();
  if (settings.noiseSuppression === on) return;
  await track.restartTrack({
    deviceId: settings.deviceId ? { exact: settings.deviceId } : undefined,
    echoCancellation: true,
    autoGainControl: true,
    noiseSuppression: on,
  });
}

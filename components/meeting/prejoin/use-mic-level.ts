import { useEffect, useState } from "react";
import type { LocalAudioTrack } from "livekit-client";
import { levelFromRms, rootMeanSquare, smoothLevel } from "@/lib/meetings/audio-level";

/**
 * Microphone level 0..1 from a Web Audio AnalyserNode on the preview track, sampled `intervalMs`
 * apart (10×/s is smooth enough for a meter and cheap). Rounded so silence causes no re-renders.
 */
export function useMicLevel(track: LocalAudioTrack | undefined, intervalMs = 100): number {
  const [reading, setReading] = useState<{ track: LocalAudioTrack; level: number } | null>(null);

  useEffect(() => {
    const mediaStreamTrack = track?.mediaStreamTrack;
    if (!track || !mediaStreamTrack) return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([mediaStreamTrack]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let smoothed = 0;

    const timer = window.setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      smoothed = smoothLevel(smoothed, levelFromRms(rootMeanSquare(samples)));
      const level = Math.round(smoothed * 100) / 100;
      setReading((previous) => (previous?.track === track && previous.level === level ? previous : { track, level }));
    }, intervalMs);

    // Autoplay rules can start the context suspended until the person clicks or types.
    const resume = () => {
      if (context.state !== "suspended") return;
      context.resume().catch((error: unknown) => console.warn("[prejoin] could not start the level meter's audio context", error));
    };
    resume();
    window.addEventListener("pointerdown", resume);
    window.addEventListener("keydown", resume);

    return () => {
      window.clearInterval(timer);
      window.removeEventListener("pointerdown", resume);
      window.removeEventListener("keydown", resume);
      source.disconnect();
      context.close().catch((error: unknown) => console.warn("[prejoin] could not close the level meter's audio context", error));
    };
  }, [track, intervalMs]);

  return reading && reading.track === track ? reading.level : 0;
}

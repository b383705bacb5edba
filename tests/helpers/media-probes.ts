import type { Locator, Page } from "@playwright/test";

/** Frames decoded by a <video> over `ms`: > 0 means the remote video is really playing. */
export async function framesDecodedOver(video: Locator, ms = 1500): Promise<number> {
  return video.evaluate(async (el: HTMLVideoElement, wait: number) => {
    const before = el.getVideoPlaybackQuality().totalVideoFrames;
    await new Promise((r) => setTimeout(r, wait));
    return el.getVideoPlaybackQuality().totalVideoFrames - before;
  }, ms);
}

/**
 * Listens to every remote <audio> element for `ms` and returns the loudest RMS
 * level heard (0..1). Chromium's fake microphone beeps, so > 0 means audio arrives.
 */
export async function loudestRemoteAudio(page: Page, ms = 2500): Promise<{ tracks: number; live: number; peakRms: number }> {
  return page.evaluate(async (wait: number) => {
    const elements = Array.from(document.querySelectorAll("audio")).filter((a) => a.srcObject instanceof MediaStream);
    const streams = elements.map((a) => a.srcObject as MediaStream).filter((s) => s.getAudioTracks().length > 0);
    const live = streams.filter((s) => s.getAudioTracks().some((t) => t.readyState === "live")).length;
    if (streams.length === 0) return { tracks: 0, live: 0, peakRms: 0 };
    const ctx = new AudioContext();
    await ctx.resume();
    const analysers = streams.map((s) => {
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 2048;
      ctx.createMediaStreamSource(s).connect(analyser);
      return analyser;
    });
    let peak = 0;
    const buf = new Float32Array(2048);
    const end = Date.now() + wait;
    while (Date.now() < end) {
      for (const a of analysers) {
        a.getFloatTimeDomainData(buf);
        let sum = 0;
        for (const v of buf) sum += v * v;
        peak = Math.max(peak, Math.sqrt(sum / buf.length));
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await ctx.close();
    return { tracks: streams.length, live, peakRms: peak };
  }, ms);
}

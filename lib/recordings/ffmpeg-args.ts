/**
 * The pure half of recording post-processing: what the recording is, which ffmpeg
 * command lines turn it into a seekable MP4 and a poster, and what ffmpeg's log says
 * about the result. No ffmpeg, no DOM: post-process.ts runs these in ffmpeg.wasm.
 */

/**
 * Where scripts/copy-browser-assets.ts puts ffmpeg.wasm under public/ and so where the
 * browser loads it from. Served by Next.js as plain static files: Turbopack cannot
 * bundle @ffmpeg/ffmpeg's worker, so nothing of it goes through the bundler.
 */
export const FFMPEG_ASSET_PATHS = {
  /** The ESM build of @ffmpeg/ffmpeg (index.js, classes.js, worker.js, …). */
  ffmpegDir: "/ffmpeg/ffmpeg",
  /** The single-threaded @ffmpeg/core (ffmpeg-core.js and ffmpeg-core.wasm). */
  coreDir: "/ffmpeg/core",
} as const;

export type Container = "mp4" | "webm" | "unknown";

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];

/**
 * Reads the container from the first bytes: an ISO BMFF `ftyp` box (MP4) or an
 * EBML header (WebM/Matroska). MediaRecorder's own MIME type is not trusted: a
 * Blob's `type` is whatever the caller wrote, and is empty after many round trips.
 */
export function sniffContainer(head: Uint8Array): Container {
  if (head.length >= 8 && String.fromCharCode(...head.subarray(4, 8)) === "ftyp") return "mp4";
  if (head.length >= 4 && EBML_MAGIC.every((byte, i) => head[i] === byte)) return "webm";
  return "unknown";
}

export type InputStreams = { videoCodec: string | null; audioCodec: string | null };

/**
 * The first video and audio codec of input #0 from ffmpeg's banner, e.g.
 * `  Stream #0:0(und): Video: h264 (Constrained Baseline) (avc1 / 0x31637661), …`.
 */
export function parseInputStreams(logLines: readonly string[]): InputStreams {
  const streams: InputStreams = { videoCodec: null, audioCodec: null };
  let inInput0 = false;
  for (const line of logLines) {
    if (/^Input #0\b/.test(line.trim())) inInput0 = true;
    else if (/^(Input #[1-9]|Output #)/.test(line.trim())) inInput0 = false;
    if (!inInput0) continue;
    const match = /Stream #0:\d+\S*: (Video|Audio): ([\w-]+)/.exec(line);
    if (!match) continue;
    const [, kind, codec] = match;
    if (kind === "Video") streams.videoCodec ??= codec;
    else streams.audioCodec ??= codec;
  }
  return streams;
}

export type ConversionPlan = {
  video: "copy" | "h264";
  audio: "copy" | "aac" | "none";
  /** True when nothing is re-encoded: only the container is rewritten. */
  remuxed: boolean;
};

/**
 * H.264 and AAC go into the MP4 as they are (Chromium's MP4 MediaRecorder); anything
 * else (VP8/VP9/AV1, Opus) is re-encoded. Copying is seconds against minutes of
 * single-threaded x264 in WebAssembly.
 */
export function planConversion(streams: InputStreams): ConversionPlan {
  if (!streams.videoCodec) throw new Error("The recording has no video stream");
  const video = streams.videoCodec === "h264" ? "copy" : "h264";
  const audio = streams.audioCodec === null ? "none" : streams.audioCodec === "aac" ? "copy" : "aac";
  return { video, audio, remuxed: video === "copy" && audio !== "aac" };
}

/** One ffmpeg command line that writes `output` as a progressive MP4 with its index first. */
export function conversionArgs(plan: ConversionPlan, input: string, output: string): string[] {
  const video =
    plan.video === "copy"
      ? ["-c:v", "copy"]
      : [
          // yuv420p needs even dimensions; a shared window can be any size.
          "-vf", "scale=trunc(iw/2)*2:trunc(ih/2)*2",
          "-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-pix_fmt", "yuv420p",
          // MediaRecorder's WebM has a 1 kHz time base and no frame rate: a constant
          // rate output would duplicate frames up to that rate.
          "-fps_mode", "vfr",
        ];
  const audio =
    plan.audio === "none" ? ["-an"] : plan.audio === "copy" ? ["-c:a", "copy"] : ["-c:a", "aac", "-b:a", "128k"];
  return [
    "-i", input,
    "-map", "0:v:0",
    ...(plan.audio === "none" ? [] : ["-map", "0:a:0"]),
    ...video,
    ...audio,
    // Rewrites MediaRecorder's fragmented or duration-less file with one moov (duration
    // and seek index) at the front, so a <video> can seek before it has the whole file.
    "-movflags", "+faststart",
    output,
  ];
}

/** The poster's time: one second in, or half-way through a shorter clip. */
export function posterSeekSeconds(durationMs: number): number {
  return Math.min(1, durationMs / 2000);
}

export const POSTER_MAX_WIDTH = 640;

/** One JPEG frame at `seconds`, no wider than POSTER_MAX_WIDTH, aspect ratio kept. */
export function posterArgs(input: string, output: string, seconds: number): string[] {
  return [
    // Before -i: seek the input (fast, to the key frame before, then decode up to it).
    "-ss", seconds.toFixed(3),
    "-i", input,
    "-frames:v", "1",
    "-vf", `scale='min(${POSTER_MAX_WIDTH},iw)':-2`,
    "-q:v", "4",
    output,
  ];
}

/** ffmpeg with only an input prints that input's banner (format, duration, streams) and stops. */
export function probeArgs(input: string): string[] {
  return ["-hide_banner", "-i", input];
}

/**
 * The duration of input #0 from ffmpeg's banner, `  Duration: 00:01:02.48, start: …`,
 * in milliseconds; null when ffmpeg says `N/A` or prints none.
 */
export function parseDurationMs(logLines: readonly string[]): number | null {
  for (const line of logLines) {
    const match = /Duration: (?:(\d+):(\d{2}):(\d{2}(?:\.\d+)?)|N\/A)/.exec(line);
    if (!match) continue;
    if (match[1] === undefined) return null;
    const ms = (Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1000;
    return Math.round(ms);
  }
  return null;
}

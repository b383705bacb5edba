/**
 * Turns a MediaRecorder recording into a seekable MP4 and a JPEG poster, in the browser,
 * with ffmpeg.wasm. Browser-only: it needs Worker, WebAssembly and `location`.
 *
 * ffmpeg.wasm is not bundled: scripts/copy-browser-assets.ts copies it to public/ffmpeg/ and it
 * is imported from there by a URL built at run time, which neither Turbopack nor webpack
 * tries to resolve. Its ~32 MB core is fetched only when a recording is processed.
 */
import {
  conversionArgs,
  FFMPEG_ASSET_PATHS,
  parseDurationMs,
  parseInputStreams,
  planConversion,
  posterArgs,
  posterSeekSeconds,
  probeArgs,
  sniffContainer,
} from "./ffmpeg-args";

/** The part of @ffmpeg/ffmpeg 0.12's FFmpeg class used here (dist/esm/classes.js). */
interface FFmpegInstance {
  load(
    config: { classWorkerURL: string; coreURL: string; wasmURL: string },
    options?: { signal?: AbortSignal },
  ): Promise<boolean>;
  /** Resolves to ffmpeg's exit code. */
  exec(args: string[]): Promise<number>;
  writeFile(path: string, data: Uint8Array): Promise<boolean>;
  readFile(path: string): Promise<Uint8Array<ArrayBuffer> | string>;
  deleteFile(path: string): Promise<boolean>;
  on(event: "log", callback: (event: { type: string; message: string }) => void): void;
  on(event: "progress", callback: (event: { progress: number; time: number }) => void): void;
  /** Ends the worker; every pending call rejects. */
  terminate(): void;
}

interface FFmpegModule {
  FFmpeg: new () => FFmpegInstance;
}

export type PostProcessOptions = {
  /** 0..1, never decreasing; ends with 1. */
  onProgress?: (fraction: number) => void;
  /** Aborting ends the ffmpeg worker at once; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
};

export type PostProcessResult = {
  /** video/mp4: H.264 (+ AAC), moov first. */
  video: Blob;
  /** image/jpeg, at most 640 px wide. */
  poster: Blob;
  durationMs: number;
  /** True when the recording was already H.264/AAC and only its container was rewritten. */
  remuxed: boolean;
};

const INPUT = { mp4: "input.mp4", webm: "input.webm" } as const;
const OUTPUT = "output.mp4";
const POSTER = "poster.jpg";

// Shares of the whole job, for onProgress: loading the 32 MB core, converting, the rest.
const LOADED_AT = 0.1;
const CONVERTED_AT = 0.9;

export async function postProcessRecording(input: Blob, options: PostProcessOptions = {}): Promise<PostProcessResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  const progress = monotonicProgress(options.onProgress);

  const bytes = new Uint8Array(await input.arrayBuffer());
  const container = sniffContainer(bytes.subarray(0, 16));
  if (container === "unknown") {
    throw new Error(`The recording is neither MP4 nor WebM (type "${input.type || "none"}")`);
  }
  signal?.throwIfAborted();

  const { FFmpeg } = await importFfmpeg();
  const ffmpeg = new FFmpeg();
  const stop = () => ffmpeg.terminate();
  signal?.addEventListener("abort", stop, { once: true });
  try {
    let log: string[] = [];
    ffmpeg.on("log", ({ message }) => log.push(message));
    const run = async (args: string[]) => {
      log = [];
      const exitCode = await ffmpeg.exec(args);
      return { exitCode, log };
    };
    const runOrThrow = async (args: string[], what: string) => {
      const result = await run(args);
      if (result.exitCode !== 0) {
        throw new Error(`ffmpeg could not ${what} (exit code ${result.exitCode}): ${result.log.slice(-5).join(" | ")}`);
      }
    };

    await ffmpeg.load(
      {
        // Absolute URLs: the class resolves classWorkerURL against its own module URL and
        // the worker imports coreURL, so relative ones would depend on where each file is.
        classWorkerURL: assetUrl(`${FFMPEG_ASSET_PATHS.ffmpegDir}/worker.js`),
        coreURL: assetUrl(`${FFMPEG_ASSET_PATHS.coreDir}/ffmpeg-core.js`),
        wasmURL: assetUrl(`${FFMPEG_ASSET_PATHS.coreDir}/ffmpeg-core.wasm`),
      },
      { signal },
    );
    progress(LOADED_AT);

    const inputName = INPUT[container];
    // Transfers the buffer to the worker: `bytes` is empty from here on.
    await ffmpeg.writeFile(inputName, bytes);
    // Only the banner is wanted: ffmpeg exits non-zero for want of an output file.
    const plan = planConversion(parseInputStreams((await run(probeArgs(inputName))).log));

    // ffmpeg.wasm reports the share of the input's duration written so far; MediaRecorder's
    // WebM has no duration, and then the values are meaningless and left out.
    ffmpeg.on("progress", ({ progress: share }) => {
      if (share > 0 && share <= 1) progress(LOADED_AT + share * (CONVERTED_AT - LOADED_AT));
    });
    await runOrThrow(conversionArgs(plan, inputName, OUTPUT), plan.remuxed ? "remux the recording" : "transcode the recording");
    await ffmpeg.deleteFile(inputName);
    progress(CONVERTED_AT);

    const durationMs = parseDurationMs((await run(probeArgs(OUTPUT))).log);
    if (durationMs === null || durationMs <= 0) {
      throw new Error("The processed recording has no usable duration (ffmpeg printed none for it)");
    }

    const posterRun = await run(posterArgs(OUTPUT, POSTER, posterSeekSeconds(durationMs)));
    const video = await readBinary(ffmpeg, OUTPUT);
    const poster = await readBinary(ffmpeg, POSTER).catch((error: unknown) => {
      throw new Error(`ffmpeg made no poster frame (exit code ${posterRun.exitCode}): ${posterRun.log.slice(-5).join(" | ")}`, { cause: error });
    });
    await ffmpeg.deleteFile(OUTPUT);
    await ffmpeg.deleteFile(POSTER);
    progress(1);

    return {
      video: new Blob([video], { type: "video/mp4" }),
      poster: new Blob([poster], { type: "image/jpeg" }),
      durationMs,
      remuxed: plan.remuxed,
    };
  } catch (err) {
    // terminate() makes the pending call reject with "called FFmpeg.terminate()".
    if (signal?.aborted) throw signal.reason;
    throw err;
  } finally {
    signal?.removeEventListener("abort", stop);
    // Also frees the virtual files an error left behind: they live in the worker's memory.
    ffmpeg.terminate();
  }
}

function assetUrl(path: string): string {
  return new URL(path, location.origin).href;
}

async function importFfmpeg(): Promise<FFmpegModule> {
  const url = assetUrl(`${FFMPEG_ASSET_PATHS.ffmpegDir}/index.js`);
  return (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ url)) as FFmpegModule;
}

async function readBinary(ffmpeg: FFmpegInstance, path: string): Promise<Uint8Array<ArrayBuffer>> {
  const data = await ffmpeg.readFile(path);
  if (typeof data === "string") throw new Error(`ffmpeg returned text for ${path}`);
  return data;
}

function monotonicProgress(onProgress: ((fraction: number) => void) | undefined): (fraction: number) => void {
  let last = 0;
  return (fraction) => {
    if (!onProgress || fraction <= last) return;
    last = Math.min(1, fraction);
    onProgress(last);
  };
}

/**
 * What a media file really holds, from a real ffprobe (the static build that
 * @ffprobe-installer ships inside its npm package), for tests that check recordings.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ffprobeInstaller from "@ffprobe-installer/ffprobe";

const execFileAsync = promisify(execFile);

export type ProbedStream = { codecType: string; codecName: string; width?: number; height?: number };

export type ProbedMedia = {
  /** From the container, or the longest stream when the container has none; NaN if neither. */
  durationSec: number;
  streams: ProbedStream[];
  /** ffprobe's format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "image2". */
  formatName: string;
};

type FfprobeJson = {
  format?: { format_name?: string; duration?: string };
  streams?: Array<{ codec_type?: string; codec_name?: string; width?: number; height?: number; duration?: string }>;
};

/** Probes a file path, or bytes written to a temporary file first. */
export async function probeMedia(fileOrBuffer: string | Uint8Array): Promise<ProbedMedia> {
  if (typeof fileOrBuffer === "string") return probeFile(fileOrBuffer);
  const dir = await mkdtemp(path.join(tmpdir(), "parley-probe-"));
  try {
    const file = path.join(dir, "media");
    await writeFile(file, fileOrBuffer);
    return await probeFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function probeFile(file: string): Promise<ProbedMedia> {
  const { stdout } = await execFileAsync(
    ffprobeInstaller.path,
    ["-v", "error", "-show_format", "-show_streams", "-of", "json", file],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const json = JSON.parse(stdout) as FfprobeJson;
  const streams = (json.streams ?? []).map((s) => ({
    codecType: s.codec_type ?? "unknown",
    codecName: s.codec_name ?? "unknown",
    ...(s.width !== undefined && { width: s.width }),
    ...(s.height !== undefined && { height: s.height }),
  }));
  const streamDurations = (json.streams ?? []).map((s) => Number(s.duration)).filter(Number.isFinite);
  const formatDuration = Number(json.format?.duration);
  return {
    durationSec: Number.isFinite(formatDuration)
      ? formatDuration
      : streamDurations.length > 0
        ? Math.max(...streamDurations)
        : Number.NaN,
    streams,
    formatName: json.format?.format_name ?? "unknown",
  };
}

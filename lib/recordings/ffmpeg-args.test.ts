import { describe, expect, it } from "vitest";
import {
  conversionArgs,
  parseDurationMs,
  parseInputStreams,
  planConversion,
  posterArgs,
  posterSeekSeconds,
  sniffContainer,
} from "./ffmpeg-args";

// Logged by ffmpeg.wasm 0.12.10 for `-hide_banner -i input` of recordings that Chromium 156's
// MediaRecorder made from the fake camera and microphone.
const webmLog = [
  "Input #0, matroska,webm, from 'input.webm':",
  "  Metadata:",
  "    encoder         : Chrome",
  "  Duration: N/A, start: 0.000000, bitrate: N/A",
  "  Stream #0:0(eng): Audio: opus, 48000 Hz, mono, fltp (default)",
  "  Stream #0:1(eng): Video: vp8, yuv420p(progressive), 640x480, SAR 1:1 DAR 4:3, 20 fps, 20 tbr, 1k tbn (default)",
  "    Metadata:",
  "      alpha_mode      : 1",
  "At least one output file must be specified",
  "Aborted()",
];
const mp4OpusLog = [
  "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'input.mp4':",
  "  Metadata:",
  "    major_brand     : isom",
  "  Duration: 00:00:06.05, start: 0.000000, bitrate: 450 kb/s",
  "  Stream #0:0[0x1](und): Audio: opus (Opus / 0x7375704F), 48000 Hz, mono, fltp, 118 kb/s (default)",
  "  Stream #0:1[0x2](und): Video: h264 (Constrained Baseline) (avc1 / 0x31637661), yuv420p(tv, smpte170m, progressive), 640x480, 327 kb/s, SAR 1:1 DAR 4:3, 20.01 fps, 20 tbr, 20k tbn (default)",
  "At least one output file must be specified",
];
const mp4AacLog = [
  "Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'output.mp4':",
  "  Duration: 00:00:06.06, start: 0.000000, bitrate: 385 kb/s",
  "  Stream #0:0[0x1](und): Video: h264 (Constrained Baseline) (avc1 / 0x31637661), yuv420p(tv, smpte170m, progressive), 640x480, 327 kb/s, SAR 1:1 DAR 4:3, 20 fps, 20 tbr, 20k tbn (default)",
  "  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, mono, fltp, 51 kb/s (default)",
  "At least one output file must be specified",
];

const bytes = (...values: number[]) => new Uint8Array(values);
const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

describe("sniffContainer", () => {
  it("knows MP4 by its ftyp box and WebM by its EBML header", () => {
    expect(sniffContainer(bytes(0, 0, 0, 0x1c, ...ascii("ftypisom"), 0, 0, 2, 0))).toBe("mp4");
    expect(sniffContainer(bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81))).toBe("webm");
  });

  it("calls anything else unknown, however short", () => {
    expect(sniffContainer(bytes())).toBe("unknown");
    expect(sniffContainer(bytes(0x1a, 0x45))).toBe("unknown");
    expect(sniffContainer(new Uint8Array(64))).toBe("unknown");
    expect(sniffContainer(bytes(...ascii("RIFF\0\0\0\0WAVE")))).toBe("unknown");
  });
});

describe("parseInputStreams and planConversion", () => {
  it("transcodes MediaRecorder's VP8/Opus WebM to H.264/AAC", () => {
    const streams = parseInputStreams(webmLog);
    expect(streams).toEqual({ videoCodec: "vp8", audioCodec: "opus" });
    expect(planConversion(streams)).toEqual({ video: "h264", audio: "aac", remuxed: false });
  });

  it("keeps the H.264 of an MP4 and re-encodes only its Opus audio", () => {
    expect(planConversion(parseInputStreams(mp4OpusLog))).toEqual({ video: "copy", audio: "aac", remuxed: false });
  });

  it("only remuxes an MP4 that is H.264/AAC already", () => {
    expect(planConversion(parseInputStreams(mp4AacLog))).toEqual({ video: "copy", audio: "copy", remuxed: true });
  });

  it("remuxes a silent H.264 recording without inventing an audio stream", () => {
    const plan = planConversion({ videoCodec: "h264", audioCodec: null });
    expect(plan).toEqual({ video: "copy", audio: "none", remuxed: true });
    const args = conversionArgs(plan, "in.mp4", "out.mp4");
    expect(args).toContain("-an");
    expect(args).not.toContain("0:a:0");
  });

  it("ignores the streams of the output section", () => {
    const log = [...webmLog.slice(0, 6), "Output #0, mp4, to 'out.mp4':", "  Stream #0:0: Video: h264, yuv420p"];
    expect(parseInputStreams(log).videoCodec).toBe("vp8");
  });

  it("refuses a recording without video", () => {
    expect(() => planConversion({ videoCodec: null, audioCodec: "opus" })).toThrow(/no video stream/);
  });
});

describe("conversionArgs", () => {
  it("copies both streams and moves the index to the front when remuxing", () => {
    expect(conversionArgs({ video: "copy", audio: "copy", remuxed: true }, "input.mp4", "output.mp4")).toEqual([
      "-i", "input.mp4", "-map", "0:v:0", "-map", "0:a:0", "-c:v", "copy", "-c:a", "copy",
      "-movflags", "+faststart", "output.mp4",
    ]);
  });

  it("encodes H.264 (ultrafast, CRF 26, yuv420p, variable frame rate) and AAC 128k when transcoding", () => {
    const args = conversionArgs({ video: "h264", audio: "aac", remuxed: false }, "input.webm", "output.mp4");
    expect(args.join(" ")).toBe(
      "-i input.webm -map 0:v:0 -map 0:a:0 -vf scale=trunc(iw/2)*2:trunc(ih/2)*2 -c:v libx264 -preset ultrafast " +
        "-crf 26 -pix_fmt yuv420p -fps_mode vfr -c:a aac -b:a 128k -movflags +faststart output.mp4",
    );
  });
});

describe("poster", () => {
  it("is taken one second in, or half-way through a shorter clip", () => {
    expect(posterSeekSeconds(6060)).toBe(1);
    expect(posterSeekSeconds(1500)).toBe(0.75);
    expect(posterSeekSeconds(40)).toBe(0.02);
  });

  it("is one frame no wider than 640 px", () => {
    expect(posterArgs("output.mp4", "poster.jpg", 0.75)).toEqual([
      "-ss", "0.750", "-i", "output.mp4", "-frames:v", "1", "-vf", "scale='min(640,iw)':-2", "-q:v", "4", "poster.jpg",
    ]);
  });
});

describe("parseDurationMs", () => {
  it("reads the input's duration in milliseconds", () => {
    expect(parseDurationMs(mp4OpusLog)).toBe(6050);
    expect(parseDurationMs(["  Duration: 01:02:03.45, start: 0.000000, bitrate: 385 kb/s"])).toBe(3_723_450);
  });

  it("is null when ffmpeg says N/A (MediaRecorder's WebM) or prints no duration", () => {
    expect(parseDurationMs(webmLog)).toBeNull();
    expect(parseDurationMs(["input.mp4: Invalid data found when processing input"])).toBeNull();
    expect(parseDurationMs([])).toBeNull();
  });
});

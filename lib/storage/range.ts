import "server-only";
import { StorageError, type ByteRange } from "./types";

/** The inclusive byte span a range selects in an object of `size` bytes (as S3 does). */
export function resolveRange(range: ByteRange, size: number): { start: number; end: number } {
  const { start } = range;
  if (!Number.isInteger(start) || start < 0 || start >= size) throw new StorageError("range", `Range starts past the end (${start} of ${size} bytes)`);
  const end = Math.min(range.end ?? size - 1, size - 1);
  if (!Number.isInteger(end) || end < start) throw new StorageError("range", `Range ends before it starts (${start}-${range.end})`);
  return { start, end };
}

/**
 * `Range: bytes=…` as sent by <video> and download managers; only single ranges (as S3 serves
 * them). Suffix ranges ("bytes=-500": the last 500 bytes) need the size. Null when absent or unusable.
 */
export function parseRangeHeader(header: string | null, size: number): ByteRange | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") return { start: Math.max(0, size - Number(match[2])) };
  return { start: Number(match[1]), ...(match[2] === "" ? {} : { end: Number(match[2]) }) };
}

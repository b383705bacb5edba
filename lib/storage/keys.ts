import "server-only";
import { StorageError } from "./types";

/**
 * Object keys are relative paths of safe segments: letters, digits, "-", "_", "." (not "." or ".."
 * alone), at most 512 characters. Both drivers refuse anything else, so a key can never climb out
 * of the storage folder or mean different things to the two drivers.
 */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export function checkKey(key: string): string {
  const segments = key.split("/");
  if (key.length === 0 || key.length > 512 || segments.some((s) => !SEGMENT.test(s) || s === "." || s === "..")) {
    throw new StorageError("key", `Not a valid object key: ${JSON.stringify(key.slice(0, 80))}`);
  }
  return key;
}

/** A prefix for list(): empty, or key segments ending in "/" or part of a segment. */
export function checkPrefix(prefix: string): string {
  if (prefix === "") return prefix;
  checkKey(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix);
  return prefix;
}

export function checkPartNumber(partNumber: number): number {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) throw new StorageError("part", `Part numbers are 1–10000, not ${partNumber}`);
  return partNumber;
}

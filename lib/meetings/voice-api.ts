import { z } from "zod";
import { callJson, postInit } from "./meeting-api";

/** Browser-side call to `/api/meetings/{code}/voice`: this device's speaking state changed. */
export function postVoice(code: string, speaking: boolean, fetchImpl: typeof fetch = fetch) {
  return callJson(`/api/meetings/${encodeURIComponent(code)}/voice`, postInit({ speaking }), z.unknown(), fetchImpl);
}

import { z } from "zod";

/** What MediaRecorder produces in Chromium (WebM) and Safari/Firefox builds that record MP4. */
export const recordingMimeTypeSchema = z
  .string()
  .max(100)
  .regex(/^video\/(webm|mp4)(;\s*codecs=[\w.,"' -]+)?$/i, "Record video/webm or video/mp4.");

export const startRecordingSchema = z.object({
  mimeType: recordingMimeTypeSchema,
  title: z.string().trim().min(1).max(200).optional(),
  /** The browser encrypts the file with the meeting's end-to-end key (E2EE meetings only). */
  encrypted: z.boolean().optional(),
  /** "browser" (default): this browser records and uploads; "server": LiveKit Egress records (LIVEKIT_EGRESS). */
  mode: z.enum(["browser", "server"]).optional(),
});
export type StartRecordingRequest = z.infer<typeof startRecordingSchema>;

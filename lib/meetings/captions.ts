import { z } from "zod";
import { decoder } from "./room-signals";

/**
 * Live captions as they travel: the speaker's device posts each partial and final result to
 * `POST /api/meetings/:code/transcript`; the server stores finals and relays both into the room on
 * `parley.caption`, attributed by the server (a participant cannot caption in someone else's name).
 * Browser-safe (no server imports).
 */
export const CAPTION_TOPIC = "parley.caption";
export const CAPTION_LANGUAGES = ["en", "zh"] as const;
export type CaptionLanguage = (typeof CAPTION_LANGUAGES)[number];
export const CAPTION_MAX_LENGTH = 2000;
/** VAD cuts speech at 15 s; a segment longer than this is not one of ours. */
export const CAPTION_MAX_SECONDS = 60;

export const postCaptionSchema = z
  .object({
    /** Chosen by the speaker's browser for one stretch of speech: its partials and its final share it. */
    segmentId: z.uuid("segmentId must be a UUID"),
    final: z.boolean(),
    language: z.enum(CAPTION_LANGUAGES, { message: `Use one of ${CAPTION_LANGUAGES.join(", ")}` }),
    startedAt: z.iso.datetime({ offset: true, message: "Use an ISO 8601 date and time" }),
    endedAt: z.iso.datetime({ offset: true, message: "Use an ISO 8601 date and time" }),
    text: z.string().trim().min(1, "A caption needs text").max(CAPTION_MAX_LENGTH, `Use at most ${CAPTION_MAX_LENGTH} characters`),
  })
  .refine((c) => Date.parse(c.endedAt) >= Date.parse(c.startedAt), { message: "endedAt must not be before startedAt", path: ["endedAt"] })
  .refine((c) => Date.parse(c.endedAt) - Date.parse(c.startedAt) <= CAPTION_MAX_SECONDS * 1000, {
    message: `A caption segment covers at most ${CAPTION_MAX_SECONDS} s`,
    path: ["endedAt"],
  });
export type PostCaptionRequest = z.infer<typeof postCaptionSchema>;

const captionSignalSchema = z.object({
  segmentId: z.string().min(1),
  identity: z.string().min(1),
  name: z.string(),
  language: z.enum(CAPTION_LANGUAGES),
  final: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string(),
  text: z.string(),
});
/** What the room receives for each caption update. */
export type CaptionSignal = z.infer<typeof captionSignalSchema>;

/** Null for anything that is not a caption this client understands (the caller logs it). */
export const decodeCaptionSignal = decoder(captionSignalSchema);

/** A stored segment as `GET /api/meetings/:code/transcript` returns it (the same fields, always final). */
export type StoredCaption = Omit<CaptionSignal, "final">;

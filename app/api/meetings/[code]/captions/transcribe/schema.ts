import { z } from "zod";
import { CAPTION_LANGUAGES } from "@/lib/meetings/captions";

/** The query of `POST …/captions/transcribe`: the language the speaker speaks, or "auto" to let the server detect it. */
export const transcribeQuerySchema = z
  .object({
    language: z.enum([...CAPTION_LANGUAGES, "auto"], { message: `Use one of ${[...CAPTION_LANGUAGES, "auto"].join(", ")}` }).default("auto"),
  })
  .strict();
export type TranscribeQuery = z.infer<typeof transcribeQuerySchema>;

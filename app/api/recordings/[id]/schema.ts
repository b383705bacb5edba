import { z } from "zod";

export const updateRecordingSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    sharedWithMembers: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change");

export const partRequestSchema = z.object({ partNumber: z.number().int().min(1).max(10_000) });

export const completeRecordingSchema = z.object({
  parts: z
    .array(z.object({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().min(1).max(200) }))
    .min(1)
    .max(10_000),
  durationMs: z.number().int().min(0).max(7 * 24 * 3600 * 1000),
});

const uploadedFileSchema = z.object({ uploadId: z.string().min(1).max(1024), etag: z.string().min(1).max(200) });

export const completeProcessingSchema = z.object({
  video: uploadedFileSchema,
  poster: uploadedFileSchema,
  durationMs: z.number().int().min(0).max(7 * 24 * 3600 * 1000),
});

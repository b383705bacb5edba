import "server-only";
import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address").max(254));
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name")
  .max(64, "Use at most 64 characters")
  // Control characters would let a name spoof other lines in lists and logs.
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "Use printable characters only");

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(256),
});

export const signUpSchema = z.object({
  name: displayNameSchema,
  email: emailSchema,
  password: z.string().min(10, "Use at least 10 characters").max(256, "Use at most 256 characters"),
});
export type SignUpInput = z.infer<typeof signUpSchema>;

"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { signIn } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { hashPassword } from "@/lib/auth/password";
import { signInSchema, signUpSchema } from "@/lib/auth/schema";
import { createUser } from "@/lib/db/queries/users";
import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { getEnv } from "@/lib/env";
import { fieldErrors } from "@/lib/http";
import type { MessageKey, MessageVars } from "@/lib/i18n";
import { checkRateLimit, clientIp, type RateLimitRequest } from "@/lib/rate-limit";

export type AuthFormState = {
  error?: MessageKey;
  errorVars?: MessageVars;
  fields?: Record<string, string[]>;
  values?: { email?: string; name?: string };
};

/** Only paths on our own origin, so a crafted link cannot bounce users to another site. */
function safeCallback(raw: FormDataEntryValue | null): string {
  return safeCallbackUrl(raw, getEnv().APP_URL);
}

async function signInWithPassword(email: string, password: string, redirectTo: string): Promise<AuthFormState | never> {
  try {
    await signIn("credentials", { email, password, redirectTo });
    return {};
  } catch (err) {
    // signIn redirects by throwing; only Auth.js errors mean "wrong credentials".
    if (err instanceof AuthError) return { error: "auth.invalidCredentials", values: { email } };
    throw err;
  }
}

/** A form error when any of the limits is reached (every one is counted), else null. */
async function tooManyAttempts(limits: RateLimitRequest[], values: AuthFormState["values"]): Promise<AuthFormState | null> {
  let seconds = 0;
  for (const limit of limits) {
    const verdict = await checkRateLimit(limit);
    if (!verdict.allowed) seconds = Math.max(seconds, verdict.retryAfterSeconds);
  }
  return seconds ? { error: "auth.tooManyAttempts", errorVars: { seconds }, values } : null;
}

export async function signInAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) return { error: "auth.fixFields", fields: fieldErrors(parsed.error), values: { email } };
  const ip = clientIp(await headers());
  const limited = await tooManyAttempts(
    [
      { bucket: "signInByIp", key: ip },
      { bucket: "signInByEmail", key: parsed.data.email },
    ],
    { email },
  );
  if (limited) return limited;
  return signInWithPassword(parsed.data.email, parsed.data.password, safeCallback(formData.get("callbackUrl")));
}

export async function signUpAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const values = { email: String(formData.get("email") ?? ""), name: String(formData.get("name") ?? "") };
  const parsed = signUpSchema.safeParse({ name: formData.get("name"), email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { error: "auth.fixFields", fields: fieldErrors(parsed.error), values };
  const limited = await tooManyAttempts([{ bucket: "signUpByIp", key: clientIp(await headers()) }], values);
  if (limited) return limited;
  const user = await createUser({ ...parsed.data, passwordHash: await hashPassword(parsed.data.password) });
  if (!user) return { error: "auth.emailTaken", values };
  await addAuditEntry({ meetingId: null, actor: user.id, action: "user.signed_up" });
  return signInWithPassword(parsed.data.email, parsed.data.password, safeCallback(formData.get("callbackUrl")));
}

export async function oauthSignInAction(formData: FormData) {
  const provider = formData.get("provider");
  if (provider !== "github" && provider !== "google") return;
  await signIn(provider, { redirectTo: safeCallback(formData.get("callbackUrl")) });
}

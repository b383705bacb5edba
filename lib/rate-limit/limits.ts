/**
 * Abuse limits. Each bucket allows `tokens` requests per sliding window of `windowMs`, counted
 * per key (an IP, an email, or an identity in one meeting). RATE_LIMIT_MULTIPLIER scales every
 * bucket (0 turns limiting off). Sized so that people on one shared address (an office, a school)
 * are not locked out, while a script hammering a route is.
 */
export type RateLimitBucket =
  | "signInByIp"
  | "signInByEmail"
  | "passwordCheckByEmail"
  | "signUpByIp"
  | "token"
  | "chat"
  | "guestJoin"
  | "knock"
  | "caption"
  | "transcribe"
  | "voice";

export type RateLimitRule = { tokens: number; windowMs: number };

const MINUTE = 60_000;

export const RATE_LIMITS: Record<RateLimitBucket, RateLimitRule> = {
  // Password guessing against one account, wherever it comes from.
  signInByEmail: { tokens: 10, windowMs: 15 * MINUTE },
  // Credential stuffing across many accounts from one address.
  signInByIp: { tokens: 50, windowMs: 15 * MINUTE },
  // Counted where the password is checked (Auth.js authorize), so posting straight to
  // /api/auth/callback/credentials cannot skip the sign-in form's limits. The form counts
  // signInByEmail first and shows its message; a form user's counts here match, so it never trips earlier.
  passwordCheckByEmail: { tokens: 10, windowMs: 15 * MINUTE },
  signUpByIp: { tokens: 20, windowMs: 60 * MINUTE },
  // Per identity per meeting: joins and reconnects need one each; a reload loop gets cut off.
  token: { tokens: 60, windowMs: MINUTE },
  // Per identity per meeting; a burst of 20 messages in 10 s passes, and retries count too.
  chat: { tokens: 60, windowMs: MINUTE },
  // Per address: creating guests is the "knock" on a meeting's door.
  guestJoin: { tokens: 30, windowMs: MINUTE },
  // Per identity per meeting: a waiting guest's page knocks once and then polls with GET.
  knock: { tokens: 20, windowMs: MINUTE },
  // Per identity per meeting: a speaker sends a partial about every 2 s and a final per sentence.
  caption: { tokens: 120, windowMs: MINUTE },
  // Per identity per meeting: one speech segment per request (a phrase; VAD cuts at 15 s), for captions
  // made on the transcription server. A fast talker makes about 20 a minute; retries count too.
  transcribe: { tokens: 60, windowMs: MINUTE },
  // Per identity per meeting: two changes per utterance; a lively talk has about 30 a minute.
  voice: { tokens: 240, windowMs: MINUTE },
};

/** The rule in force for `bucket`, or null when limits are off (multiplier 0). */
export function ruleFor(bucket: RateLimitBucket, multiplier: number): RateLimitRule | null {
  if (multiplier <= 0) return null;
  const base = RATE_LIMITS[bucket];
  return { tokens: Math.max(1, Math.round(base.tokens * multiplier)), windowMs: base.windowMs };
}

/** Whole seconds until `resetAt` (epoch ms), at least 1: what `Retry-After` says. */
export function retryAfterSeconds(resetAt: number, now: number): number {
  return Math.max(1, Math.ceil((resetAt - now) / 1000));
}

import "server-only";

/** Where people go after signing in when no (acceptable) callback URL was given. */
export const DEFAULT_CALLBACK_URL = "/dashboard";

// Stands in for our origin when APP_URL is unset: then only paths resolve to it, never a full URL.
const PLACEHOLDER_ORIGIN = "http://app.parley.invalid";

/**
 * The path (+ query + fragment) on our own origin that a `callbackUrl` points to, or the default.
 * It is resolved the way a browser would resolve it as a redirect target (WHATWG URL: tabs and
 * newlines dropped, leading control characters trimmed, `\` read as `/`), so `/\evil.example` and
 * `/<TAB>/evil.example` are recognised as the other host they are, not as paths. A prefix check on
 * the raw string cannot know all of those rules. Used by the sign-in/up pages, their actions and
 * Auth.js's redirect callback.
 */
export function safeCallbackUrl(raw: unknown, appUrl: string | undefined): string {
  if (typeof raw !== "string" || raw === "") return DEFAULT_CALLBACK_URL;
  const base = new URL(appUrl ?? PLACEHOLDER_ORIGIN);
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return DEFAULT_CALLBACK_URL;
  }
  if (url.origin !== base.origin) return DEFAULT_CALLBACK_URL;
  // "/..//evil.example" normalises to the path "//evil.example", which as a Location is another host.
  if (url.pathname.startsWith("//")) return DEFAULT_CALLBACK_URL;
  return url.pathname + url.search + url.hash;
}

import { getEnv } from "./env";
import { AppError } from "./errors";

/**
 * Cross-site request forgery protection for route handlers (called by `route()` in lib/http.ts).
 *
 * The rule, for POST, PUT, PATCH and DELETE (GET, HEAD and OPTIONS never change state):
 *
 * 1. `Sec-Fetch-Site: same-origin` → allow (our own page sent it).
 *    `Sec-Fetch-Site: none` → allow (the user started it: typed URL, bookmark; no other page did).
 * 2. Otherwise, an `Origin` header equal to the app's own origin → allow. That is APP_URL's origin;
 *    with APP_URL unset, the request's `Host`. `Origin: null` (sandboxed frames, opaque redirects)
 *    never matches.
 * 3. Otherwise, if either header is present → refuse with 403 `forbidden:csrf`. This covers
 *    `same-site` requests too: a sibling subdomain is another site's code, and SameSite=Lax cookies
 *    do travel with same-site requests, so this check is the only thing that stops those.
 * 4. Neither header → allow. Browsers always send at least one of them on these methods:
 *    `Sec-Fetch-Site` on every request (Chromium ≥ 76, Firefox ≥ 90, Safari ≥ 16.4) and `Origin` on
 *    every cross-origin POST/PUT/PATCH/DELETE (all current engines). A request with neither comes
 *    from a program (curl, a server, Playwright's APIRequestContext in our tests), and a program
 *    writes its own headers: it could send `Origin` set to our origin just as well, so refusing it
 *    protects nobody. CSRF needs a victim's *browser* to attach the victim's cookies, and that
 *    browser labels the request. Carrying cookies does not change this: a program only holds cookies
 *    it was given, which is not forgery. (Second layer: session and guest cookies are SameSite=Lax,
 *    so cross-site subrequests from browsers carry no cookies at all.)
 *
 * Not covered here: /api/auth/* (Auth.js checks its own double-submit CSRF token), the LiveKit
 * webhook (authenticated by its signature; opts out with `route(handler, { csrf: false })`), and
 * server actions, which Next.js itself refuses when `Origin` does not match `Host`/`X-Forwarded-Host`
 * (extra hosts would go in next.config's `experimental.serverActions.allowedOrigins`; we need none).
 */

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export type CsrfInput = {
  method: string;
  secFetchSite: string | null;
  origin: string | null;
  host: string | null;
  /** The app's public URL (APP_URL), when configured. */
  appUrl: string | undefined;
};

function isOwnOrigin(origin: string, host: string | null, appUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" and anything else that is not a URL
  }
  // Browsers send the bare serialized origin; anything longer (a path, a default port) is not one.
  if (parsed.origin !== origin) return false;
  if (appUrl) return parsed.origin === new URL(appUrl).origin;
  // CAUTION: without APP_URL the scheme is not compared (behind a TLS-terminating proxy the app cannot
  // tell which one the browser used). Set APP_URL in production to compare the full origin.
  return host !== null && parsed.host === host.toLowerCase();
}

/** Whether a request passes the rule above. Pure, so the rule can be tested as a table. */
export function isAllowedByCsrfRule({ method, secFetchSite, origin, host, appUrl }: CsrfInput): boolean {
  if (!STATE_CHANGING.has(method.toUpperCase())) return true;
  const site = secFetchSite?.trim().toLowerCase() ?? null;
  if (site === "same-origin" || site === "none") return true;
  if (origin !== null && isOwnOrigin(origin.trim(), host, appUrl)) return true;
  return site === null && origin === null;
}

/** Throws 403 `forbidden:csrf` when a state-changing request comes from another site. */
export function assertNotCrossSite(request: Request): void {
  const { headers } = request;
  const input = {
    method: request.method,
    secFetchSite: headers.get("sec-fetch-site"),
    origin: headers.get("origin"),
    host: headers.get("host"),
  };
  if (isAllowedByCsrfRule({ ...input, appUrl: getEnv().APP_URL })) return;
  const shown = (v: string | null) => JSON.stringify(v?.slice(0, 200) ?? null);
  console.warn(`[parley] cross-site ${input.method} refused: origin=${shown(input.origin)} sec-fetch-site=${shown(input.secFetchSite)}`);
  throw new AppError("forbidden:csrf", "This request came from another website, so it was refused. Open Parley directly and try again.");
}

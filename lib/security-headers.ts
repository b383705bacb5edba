import type { Env } from "./env";

/**
 * Security headers that depend on configuration or on the request, set on every page by proxy.ts.
 * The ones that never change (nosniff, Referrer-Policy, Permissions-Policy, the API's CSP) are set
 * for every path in next.config.ts. Plain functions of their inputs, so they are unit-tested.
 */

export type CspInput = {
  /** Fresh for every response; Next.js puts it on its own scripts (it reads it from the request's CSP). */
  nonce: string;
  development: boolean;
  /** The LiveKit URL browsers connect to (LIVEKIT_PUBLIC_URL ?? LIVEKIT_URL). */
  livekitUrl: string;
  /** Whether the app is served over https (APP_URL). */
  https: boolean;
  oauthProviders: ReadonlyArray<"github" | "google">;
  /** Other sites that may show this page in a frame (an embeddable meeting's allow-list); none by default. */
  frameAncestors?: readonly string[];
  /** Where browsers upload recordings to and play them from (S3's presigned URLs); none with the filesystem driver. */
  storageOrigins?: readonly string[];
};

/** Where each OAuth provider's sign-in form lives: the browser is redirected there after our form posts. */
const OAUTH_ORIGINS = { github: "https://github.com", google: "https://accounts.google.com" } as const;

/** A nonce for one response: 128 random bits, base64. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The WebSocket and HTTP origins of the LiveKit server: livekit-client signals over ws(s)://…/rtc and,
 * when that fails, asks http(s)://…/rtc/validate why. (Media flows over WebRTC, which CSP does not
 * govern.) A LiveKit Cloud URL would also need its regional hosts; we target self-hosted servers.
 */
export function livekitOrigins(livekitUrl: string): string[] {
  const url = new URL(livekitUrl);
  const secure = url.protocol === "wss:" || url.protocol === "https:";
  return [`${secure ? "wss" : "ws"}://${url.host}`, `${secure ? "https" : "http"}://${url.host}`];
}

export function contentSecurityPolicy({ nonce, development, livekitUrl, https, oauthProviders, frameAncestors = [], storageOrigins = [] }: CspInput): string {
  const directives: Array<[string, ...string[]]> = [
    ["default-src", "'self'"],
    // 'strict-dynamic': scripts loaded by a nonce-carrying script are trusted (Next.js loads its chunks
    // that way); 'self' is only a fallback for browsers without CSP level 3, which ignore the rest.
    // CAUTION: 'unsafe-eval' in development only, where React rebuilds server error stacks with eval.
    // 'wasm-unsafe-eval' lets WebAssembly compile (ffmpeg.wasm, onnxruntime-web) without allowing eval().
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "'wasm-unsafe-eval'", ...(development ? ["'unsafe-eval'"] : [])],
    // CAUTION: inline styles are allowed. React's `style={…}` attributes (layout sizes, the tile grid)
    // cannot carry a nonce, and a nonce in this directive would switch 'unsafe-inline' off. Injected
    // CSS can restyle a page but cannot run script; scripts stay nonce-only.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:", ...storageOrigins],
    ["font-src", "'self'"],
    // Local and remote tracks are attached as MediaStreams; recordings play from blob: URLs.
    ["media-src", "'self'", "blob:", "mediastream:", ...storageOrigins],
    ["connect-src", "'self'", ...livekitOrigins(livekitUrl), ...storageOrigins],
    // AI and codec workers: our own files, or blob: URLs some libraries build their workers from.
    ["worker-src", "'self'", "blob:"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    // Chromium applies form-action to the redirects that follow a form post, and signing in with
    // GitHub or Google posts to us, then redirects to them.
    ["form-action", "'self'", ...oauthProviders.map((p) => OAUTH_ORIGINS[p])],
    // Only /embed/[code] may be framed by other sites, and only by its meeting's allow-list.
    ["frame-ancestors", "'self'", ...frameAncestors],
    ...(https ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((parts) => parts.join(" ")).join("; ");
}

/** HSTS (two years, subdomains) only for a production app served over https; null otherwise. */
export function strictTransportSecurity({ production, https }: { production: boolean; https: boolean }): string | null {
  return production && https ? "max-age=63072000; includeSubDomains" : null;
}

/**
 * The S3 origin browsers reach with presigned URLs (S3_PUBLIC_ENDPOINT ?? S3_ENDPOINT; AWS's
 * regional endpoint, with or without the bucket as a virtual host, when neither is set).
 */
export function storageOrigins(env: Pick<Env, "s3">): string[] {
  const s3 = env.s3;
  if (!s3) return [];
  const endpoint = s3.publicEndpoint ?? s3.endpoint;
  if (endpoint) return [new URL(endpoint).origin];
  const regional = `s3.${s3.region}.amazonaws.com`;
  return [`https://${regional}`, `https://${s3.bucket}.${regional}`];
}

/** The page headers for the current configuration and a fresh nonce. */
export function pageSecurityHeaders(env: Env, nonce: string, frameAncestors: readonly string[] = []): { csp: string; hsts: string | null } {
  const https = env.APP_URL?.startsWith("https:") ?? false;
  const csp = contentSecurityPolicy({
    nonce,
    development: env.NODE_ENV === "development",
    livekitUrl: env.livekitPublicUrl,
    https,
    oauthProviders: [...(env.github ? (["github"] as const) : []), ...(env.google ? (["google"] as const) : [])],
    frameAncestors,
    storageOrigins: storageOrigins(env),
  });
  return { csp, hsts: strictTransportSecurity({ production: env.NODE_ENV === "production", https }) };
}

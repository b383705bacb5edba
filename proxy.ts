import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { LOCALE_HEADER, isLocale } from "@/lib/i18n";
import { embedCodeFromPath, embedOriginsFor } from "@/lib/meetings/embed";
import { createNonce, pageSecurityHeaders } from "@/lib/security-headers";

/**
 * Security headers for pages (Next.js 16 "proxy", formerly middleware; it runs in the Node.js
 * runtime, so lib/env.ts works as everywhere else). Each response gets a Content-Security-Policy
 * with a fresh script nonce. The policy is also set on the *request*: Next.js reads the nonce from
 * there and puts it on its own scripts while rendering (every page is rendered per request, see
 * app/layout.tsx). `x-nonce` carries it to any Server Component that adds a script of its own.
 * HSTS is added in production over https. Headers that never change are in next.config.ts.
 * Two things depend on the page: /embed/[code] may be framed by its meeting's allow-list of sites
 * (frame-ancestors), and a `?lang=` parameter picks the language (passed on as a request header).
 * No redirects or access checks happen here; each page and handler checks for itself.
 */
export async function proxy(request: NextRequest) {
  // Next.js answers a bare 500 when a dynamic segment holds a malformed %-escape (e.g. /m/%zz):
  // refuse such addresses here with a readable 400 instead.
  if (!isDecodablePath(new URL(request.url).pathname)) {
    return NextResponse.json(
      { error: { code: "bad_request:path", message: "The address is not valid: it has a broken %-escape." } },
      { status: 400 },
    );
  }
  // API responses are JSON with their own headers (next.config.ts); no page CSP or nonce needed.
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.next();

  const embedCode = embedCodeFromPath(request.nextUrl.pathname);
  const frameAncestors = embedCode ? await embedOriginsFor(embedCode) : [];
  const nonce = createNonce();
  const { csp, hsts } = pageSecurityHeaders(getEnv(), nonce, frameAncestors);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete(LOCALE_HEADER);
  const lang = request.nextUrl.searchParams.get("lang");
  if (isLocale(lang)) requestHeaders.set(LOCALE_HEADER, lang);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export const config = {
  matcher: [
    // Everything but hashed static files and images. API requests pass through at once (only the
    // %-escape check applies); Next buffers their bodies up to its proxy limit (10 MB), far above ours (64 KiB).
    // Prefetches are included: they are rendered too, and skipping them saves little.
    "/((?!_next/static|_next/image|favicon.ico).*)",
  ],
};

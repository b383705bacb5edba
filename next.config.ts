import type { NextConfig } from "next";

/**
 * Headers that never change, on every response (pages, API, static files). The page CSP needs a
 * nonce per request and HSTS depends on APP_URL, so those two are set by proxy.ts.
 */
const everywhere = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Camera, microphone and screen capture for our own pages only (an embedding page must also
  // delegate them with <iframe allow="…">); a few powerful features nobody here needs, off.
  { key: "Permissions-Policy", value: "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()" },
];

// API responses are JSON and never meant to be rendered or framed. Auth.js's own pages under
// /api/auth (error, sign-out confirmation) have inline styles, so they are left out.
const apiOnly = [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite ships its own WASM and data files; bundling them breaks file lookups.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@neondatabase/serverless", "ws"],
  // CSRF: route handlers check Origin/Sec-Fetch-Site themselves (lib/csrf.ts). Server actions are
  // checked by Next.js, which refuses one whose Origin host differs from Host/X-Forwarded-Host;
  // `experimental.serverActions.allowedOrigins` would list more hosts, and we need none.
  async headers() {
    return [
      { source: "/(.*)", headers: everywhere },
      { source: "/api/:path((?!auth/).*)", headers: apiOnly },
      // ffmpeg.wasm (32 MB, copied from node_modules by scripts/copy-ffmpeg.ts): a day in the HTTP
      // cache, so processing a second recording does not download it again.
      { source: "/ffmpeg/:path*", headers: [{ key: "Cache-Control", value: "public, max-age=86400" }] },
      { source: "/ort/:path*", headers: [{ key: "Cache-Control", value: "public, max-age=86400" }] },
      // Model folders are named by the file's hash (lib/ai/manifest.ts): a URL never changes content.
      { source: "/models/:path*", headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }] },
    ];
  },
};

export default nextConfig;

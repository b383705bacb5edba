/**
 * Request generator for fuzz.spec.ts: a seeded PRNG, the API routes, and bodies, paths and headers
 * that are broken in every way we could think of. Request i depends on the seed and i only.
 */

// ─── a small seeded PRNG (mulberry32) ──────────────────────────────────────────────────────────
export class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  /** Picks by weight: [[weight, value], …]. */
  weighted<T>(items: ReadonlyArray<readonly [number, T]>): T {
    let roll = this.next() * items.reduce((sum, [w]) => sum + w, 0);
    for (const [w, value] of items) if ((roll -= w) < 0) return value;
    return items[items.length - 1][1];
  }
}
export const rngFor = (seed: number, index: number) => new Rng(seed ^ Math.imul(index + 1, 0x9e3779b1));

// ─── what is sent ──────────────────────────────────────────────────────────────────────────────
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";
export type Actor = "anonymous" | "guest" | "host";
export const ALL_METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
export const ACTORS: Actor[] = ["anonymous", "guest", "host"];

export type Ctx = { code: string; otherCode: string; guestIdentity: string };
type RouteSpec = {
  name: string;
  /** `code` is the (possibly broken) meeting code chosen for this request. */
  path: (code: string, rng: Rng) => string;
  methods: Method[];
  /** A body the route would accept (or nearly), which the generator then breaks. */
  template?: (rng: Rng, ctx: Ctx) => unknown;
  usesCode: boolean;
};

const iso = () => new Date().toISOString();
const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.int(16).toString(16)).join("");
const uuid = (rng: Rng) => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;
export const ROUTES: RouteSpec[] = [
  { name: "health", path: () => "/api/health", methods: ["GET"], usesCode: false },
  {
    name: "meetings",
    path: () => "/api/meetings",
    methods: ["GET", "POST"],
    usesCode: false,
    template: (rng) => ({ title: "Fuzz", scheduledStart: rng.chance(0.5) ? null : iso(), settings: { allowGuests: true } }),
  },
  {
    name: "meeting",
    path: (c) => `/api/meetings/${c}`,
    methods: ["GET", "PATCH"],
    usesCode: true,
    template: (rng) => rng.pick([{ title: "Renamed" }, { scheduledStart: null }, { settings: { guestsCanPublish: true } }]),
  },
  { name: "guest", path: (c) => `/api/meetings/${c}/guest`, methods: ["POST"], usesCode: true, template: () => ({ displayName: "Fuzzy" }) },
  { name: "token", path: (c) => `/api/meetings/${c}/token`, methods: ["POST"], usesCode: true, template: () => ({}) },
  {
    name: "chat",
    path: (c) => `/api/meetings/${c}/chat`,
    methods: ["GET", "POST"],
    usesCode: true,
    template: (rng) => ({ clientId: uuid(rng), body: "fuzz", sentAt: iso() }),
  },
  {
    name: "controls",
    path: (c) => `/api/meetings/${c}/controls`,
    methods: ["POST"],
    usesCode: true,
    template: (rng, { guestIdentity }) =>
      rng.pick([
        { action: "mute", identity: guestIdentity, source: "microphone" },
        { action: "request_unmute", identity: guestIdentity, source: "camera" },
        { action: "mute_all" },
        { action: "remove", identity: guestIdentity, ban: false },
        { action: "set_role", identity: guestIdentity, role: "viewer" },
        { action: "lock", locked: false },
        { action: "restrict", chatHostsOnly: false, lobby: "off" },
        { action: "lower_hand", identity: guestIdentity },
      ]),
  },
  { name: "knock", path: (c) => `/api/meetings/${c}/knock`, methods: ["GET", "POST"], usesCode: true, template: () => ({}) },
  {
    name: "lobby",
    path: (c) => `/api/meetings/${c}/lobby`,
    methods: ["GET", "POST"],
    usesCode: true,
    template: (rng, { guestIdentity }) => rng.pick([{ action: "admit", identity: guestIdentity }, { action: "deny", identity: "guest_nobody" }, { action: "admit_all" }]),
  },
  { name: "hand", path: (c) => `/api/meetings/${c}/hand`, methods: ["POST"], usesCode: true, template: (rng) => ({ raised: rng.chance(0.5) }) },
  { name: "reaction", path: (c) => `/api/meetings/${c}/reaction`, methods: ["POST"], usesCode: true, template: () => ({ emoji: "👍" }) },
  { name: "voice", path: (c) => `/api/meetings/${c}/voice`, methods: ["POST"], usesCode: true, template: (rng) => ({ speaking: rng.chance(0.5) }) },
  {
    name: "captions",
    path: (c) => `/api/meetings/${c}/captions`,
    methods: ["POST"],
    usesCode: true,
    template: (rng) => rng.pick([{ enabled: rng.chance(0.5) }, { server: rng.chance(0.5) }, { enabled: true, server: rng.chance(0.5) }]),
  },
  {
    name: "transcribe",
    path: (c, rng) => `/api/meetings/${c}/captions/transcribe${rng.pick(["", "?language=en", "?language=zh", "?language=auto", "?language=fr", "?language=en&language=zh", "?x=1"])}`,
    methods: ["POST"],
    usesCode: true,
  },
  {
    name: "transcript",
    path: (c) => `/api/meetings/${c}/transcript`,
    methods: ["GET", "POST"],
    usesCode: true,
    template: (rng) => {
      const end = Date.now() - rng.int(10_000);
      return { segmentId: uuid(rng), final: rng.chance(0.5), language: rng.pick(["en", "zh"]), startedAt: new Date(end - rng.int(15_000)).toISOString(), endedAt: new Date(end).toISOString(), text: rng.pick(["ask not", "大家好", "<img src=x onerror=alert(1)>"]) };
    },
  },
  {
    name: "webhook",
    path: () => "/api/livekit/webhook",
    methods: ["POST"],
    usesCode: false,
    template: (rng, { code }) => ({ event: rng.pick(["room_started", "participant_joined", "room_finished"]), id: `EV_${rng.int(1e9)}`, room: { name: code }, createdAt: Math.floor(Date.now() / 1000) }),
  },
  {
    name: "recordings",
    path: (c) => `/api/meetings/${c}/recordings`,
    methods: ["GET", "POST"],
    usesCode: true,
    template: (rng) => ({ mimeType: rng.pick(["video/webm", "video/mp4;codecs=avc1", "video/webm;codecs=vp9,opus"]), title: "Fuzz rec" }),
  },
  {
    name: "recording",
    path: (_c, rng) => `/api/recordings/${rng.chance(0.5) ? uuid(rng) : rng.pick(["x", "00000000-0000-0000-0000-000000000000", "%2e%2e"])}${rng.pick(["", "/parts", "/complete", "/processed", "/processed/complete", "/stop"])}`,
    methods: ["GET", "POST", "PATCH", "DELETE"],
    usesCode: false,
    template: (rng) =>
      rng.pick([
        { partNumber: 1 },
        { parts: [{ partNumber: 1, etag: '"e"' }], durationMs: 1000 },
        { title: "Renamed", sharedWithMembers: true },
        { video: { uploadId: "u", etag: '"e"' }, poster: { uploadId: "u", etag: '"e"' }, durationMs: 1000 },
      ]),
  },
  { name: "my-recordings", path: () => "/api/recordings", methods: ["GET", "POST"], usesCode: false },
  // Signed links of the filesystem storage driver: every token here is forged or mangled.
  { name: "storage-object", path: (_c, rng) => `/api/storage/object?token=${rng.pick(["", "x.y", `${hex(rng, 40)}.${hex(rng, 43)}`, "%00"])}`, methods: ["GET"], usesCode: false },
  { name: "storage-part", path: (_c, rng) => `/api/storage/part?token=${rng.pick(["", "a.b.c", hex(rng, 64)])}`, methods: ["PUT"], usesCode: false, template: () => ({ bytes: "not really" }) },
  {
    name: "unknown",
    path: (c, rng) => rng.pick([`/api/meetings/${c}/nope`, "/api/nope", `/api/meetings/${c}/chat/extra`, "/api/livekit", `/api/meetings/${c}/token/${c}`]),
    methods: ALL_METHODS,
    usesCode: true,
  },
];

const UNICODE = [
  "\u202eevil\u202c", // right-to-left override
  "\u200b\u200c\u200d\u2060\ufeff", // zero-width
  "👩‍👩‍👧‍👦🏳️‍🌈🇺🇳",
  "Z̴̡̪̫͈̫̦̝̼͓̪͕̥̳͓a̷l̵g̶o̸",
  "مرحبا بالعالم שלום עולם",
  "会议标题 — 日本語のテキスト",
  "\u2028\u2029\u0085",
  "\uffff\ufffe\u{10ffff}",
  "\ud800", // lone high surrogate (sent as a \u escape)
  "\udfff", // lone low surrogate
  "a\u0000b", // NUL
  "\u0007\u001b[31mred\u001b[0m",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "${{7*7}}{{7*7}}",
  "../../../../etc/passwd",
  "%00%2e%2e%2f",
];

function unicodeString(rng: Rng): string {
  return Array.from({ length: rng.between(1, 4) }, () => rng.pick(UNICODE)).join(rng.pick(["", " ", "\t"]));
}

function nested(rng: Rng, depth: number): unknown {
  let value: unknown = rng.pick([1, "x", null, true]);
  for (let i = 0; i < depth; i++) value = rng.chance(0.5) ? [value] : { a: value };
  return value;
}

function weirdValue(rng: Rng): unknown {
  return rng.weighted<() => unknown>([
    [3, () => null],
    [2, () => rng.pick([true, false])],
    [3, () => rng.pick([0, -1, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, -(2 ** 63)])],
    [3, () => rng.pick(["", " ", "42", "true", "false", "null", "undefined", "NaN", "[]", "{}", "0x10", "1e999"])],
    [2, () => rng.pick<unknown>([[], [1, 2, 3], [null], {}, { $gt: "" }, { toString: "x" }])],
    [4, () => unicodeString(rng)],
    [2, () => "x".repeat(rng.pick([121, 4001, 10_000, 60_000]))],
    [2, () => nested(rng, rng.between(2, 200))],
    [
      3,
      () =>
        rng.pick([
          "2026-13-45T99:99:99Z",
          "0000-01-01T00:00:00Z",
          "9999-12-31T23:59:59.999+14:00",
          "+275760-09-13T00:00:00.000Z",
          "1970-01-01T00:00:00",
          "2026-02-30T10:00:00Z",
          "next tuesday",
          String(Date.now()),
        ]),
    ],
    [2, () => rng.pick(["00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-00000000000g", uuid(rng).toUpperCase(), "{uuid}"])],
    [1, () => rng.pick(["guest_nobody", "host", "", "a".repeat(201), "user_" + "9".repeat(50)])],
  ])();
}

function mutate(rng: Rng, template: unknown): unknown {
  const obj: Record<string, unknown> = template && typeof template === "object" && !Array.isArray(template) ? { ...(template as object) } : {};
  const keys = Object.keys(obj);
  switch (rng.int(7)) {
    case 0: // a field missing
      if (keys.length) delete obj[rng.pick(keys)];
      return obj;
    case 1: // a field of the wrong type
      if (keys.length) obj[rng.pick(keys)] = weirdValue(rng);
      return obj;
    case 2: // every field wrong
      for (const key of keys) obj[key] = weirdValue(rng);
      return obj;
    case 3: // an unexpected field
      obj[rng.pick(["extra", "role", "isAdmin", "hostId", "id", "meetingId", "identity", "__proto__x"])] = weirdValue(rng);
      return obj;
    case 4: // numbers and booleans as strings
      return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)]));
    case 5: // wrapped, or an array instead of an object
      return rng.pick([[obj], { data: obj }, { ...obj, settings: [obj] }, Object.values(obj)]);
    default: // every string field replaced by unicode
      for (const key of keys) if (typeof obj[key] === "string") obj[key] = unicodeString(rng);
      return obj;
  }
}

const MALFORMED = [
  "{",
  "[",
  "}",
  "nope",
  "{title:",
  '{"title":}',
  '{"title":"unterminated',
  "{'title':'single'}",
  '{"a":1,}',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":undefined}',
  "/* comment */ {}",
  "\ufeff{}",
  '{"a":"raw\u0000nul"}',
  '{"a":"raw\nnewline"}',
  "{}{}",
  '{"a":1}garbage',
  "\u0000",
  " ",
  "null null",
  '{"title": 1e400}',
  '{"raised": 01}',
  "[" + ",".repeat(100) + "]",
];

export type Body = { data?: Buffer; label: string };

function protoText(rng: Rng, template: unknown): string {
  const base = JSON.stringify(template ?? {}).slice(1, -1);
  const pollute = rng.pick([
    '"__proto__":{"isAdmin":true,"role":"host","allowGuests":false}',
    '"constructor":{"prototype":{"isAdmin":true}}',
    '"__proto__":null',
    '"prototype":{"toString":"x"}',
    '"settings":{"__proto__":{"allowGuests":false}}',
    '"hasOwnProperty":1,"toString":2,"valueOf":3',
  ]);
  return `{${pollute}${base ? "," + base : ""}}`;
}

function makeBody(rng: Rng, template: unknown): Body {
  const kind = rng.weighted<string>([
    [10, "valid"],
    [30, "mutated"],
    [10, "malformed"],
    [6, "wrong-root"],
    [3, "huge"],
    [4, "deep"],
    [12, "unicode"],
    [8, "prototype"],
    [5, "duplicate-keys"],
    [5, "empty"],
    [3, "binary"],
    [4, "form"],
  ]);
  const text = (s: string) => ({ data: Buffer.from(s, "utf8"), label: kind });
  switch (kind) {
    case "valid":
      return text(JSON.stringify(template ?? {}));
    case "mutated":
      return text(JSON.stringify(mutate(rng, template)));
    case "malformed":
      return rng.chance(0.3) ? text(JSON.stringify(template ?? { a: 1 }).slice(0, -1 - rng.int(5))) : text(rng.pick(MALFORMED));
    case "wrong-root":
      return text(rng.pick(["[]", "null", "0", '"string"', "true", "-1", "1e309", JSON.stringify([template]), JSON.stringify([[template]])]));
    case "huge": {
      // Just under the 64 KiB limit, or well over it (up to ~1 MB).
      const size = rng.chance(0.3) ? rng.between(60_000, 65_000) : rng.between(65_537, 1_048_576);
      const field = template && typeof template === "object" ? rng.pick(Object.keys(template as object).concat("x")) : "x";
      return text(JSON.stringify({ ...(template as object), [field]: rng.pick(["x", "é", "😀"]).repeat(Math.floor(size / 4)) }));
    }
    case "deep": {
      const depth = rng.between(100, 30_000);
      const inner = rng.chance(0.5) ? "[".repeat(depth) + "1" + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
      return text(rng.chance(0.5) ? inner : `{"title":${inner},"settings":${inner}}`);
    }
    case "unicode": {
      // Every string replaced, plus a key of its own (JSON.stringify sends lone surrogates as \u escapes).
      const entries = Object.entries(template && typeof template === "object" ? template : {});
      const obj = Object.fromEntries(entries.map(([k, v]) => [k, typeof v === "string" || rng.chance(0.3) ? unicodeString(rng) : v]));
      return text(JSON.stringify({ ...obj, [unicodeString(rng)]: unicodeString(rng) }));
    }
    case "prototype":
      return text(protoText(rng, template));
    case "duplicate-keys": {
      const keys = template && typeof template === "object" ? Object.keys(template as object) : [];
      const key = keys.length ? rng.pick(keys) : "action";
      return text(`{"${key}":"first","${key}":${JSON.stringify(weirdValue(rng))}${keys.length ? "," + JSON.stringify(template).slice(1, -1) : ""}}`);
    }
    case "empty":
      return rng.chance(0.5) ? { label: kind } : { data: Buffer.alloc(0), label: kind };
    case "binary":
      return { data: Buffer.from(Array.from({ length: rng.between(1, 2048) }, () => rng.int(256))), label: kind };
    default: // form
      return text(rng.chance(0.5) ? "title=x&displayName=%3Cb%3E&raised=true" : "--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--xyz--\r\n");
  }
}

const CONTENT_TYPES = [
  "application/json; charset=utf-8",
  "application/webhook+json",
  "application/vnd.api+json",
  "APPLICATION/JSON",
  "application/json; charset=latin1",
  "application/jsonx",
  "text/json",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/xml",
  "application/octet-stream",
  "*/*",
  "",
  "}{",
  "application/json, text/html",
];

// Valid %-escapes only: what a path can carry that our routes must answer themselves.
const BAD_CODES = [
  "zzz-zzzz-zzz",
  "ABC-DEFG-HIJ",
  "abc-defg-hi",
  "abc-defg-hijk",
  "abcdefghij",
  "..%2F..%2Fhealth",
  "%2e%2e%2f%2e%2e%2fapi",
  "abc%2Fdefg",
  "abc%5Cdefg",
  "a%00b",
  "%00",
  "%20",
  "%E2%80%8B",
  "%E2%80%AE",
  "%F0%9F%98%80",
  "__proto__",
  "constructor",
  "prototype",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "%27%20or%201%3D1--",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "abc-defg-hij%3Bx",
  "abc-defg-hij.json",
  "abc-defg-hij%0A",
  "abc-defg-hij%23frag",
  "abc-defg-hij%3Fq%3D1",
  "~",
  "%25",
  "%2525",
];
// Malformed %-escapes: Next.js refuses these itself (see the header comment).
const UNDECODABLE_CODES = ["%", "%zz", "%E0%A4%A", "%ED%A0%80", "abc%C0%AF", "%FF%FE"];

function pickCode(rng: Rng, ctx: Ctx): { code: string; nextOwned: boolean } {
  return rng.weighted<() => { code: string; nextOwned: boolean }>([
    [62, () => ({ code: ctx.code, nextOwned: false })],
    [10, () => ({ code: ctx.otherCode, nextOwned: false })],
    [16, () => ({ code: rng.pick(BAD_CODES), nextOwned: false })],
    [4, () => ({ code: "a".repeat(rng.between(20, 3000)), nextOwned: false })],
    [5, () => ({ code: encodeURIComponent(unicodeString(rng).replace(/[\ud800-\udfff]/g, "")), nextOwned: false })],
    [3, () => ({ code: rng.pick(UNDECODABLE_CODES), nextOwned: true })],
  ])();
}

function printable(rng: Rng, max: number): string {
  return Array.from({ length: rng.between(0, max) }, () => String.fromCharCode(rng.between(0x20, 0x7e))).join("");
}

function randomHeaders(rng: Rng, baseURL: string): Record<string, string> {
  const headers: Record<string, string> = {
    // TEST-NET-2 (documentation) addresses, never loopback: see the header comment.
    "x-forwarded-for": rng.chance(0.95) ? `198.51.100.${rng.int(256)}` : rng.pick(["not-an-ip", "<script>", "2001:db8::1", "198.51.100.1, 203.0.113.9", printable(rng, 60)]),
  };
  if (rng.chance(0.15)) headers.origin = rng.pick([new URL(baseURL).origin, "https://evil.example", "null", "http://localhost:1", printable(rng, 40)]);
  if (rng.chance(0.15)) headers["sec-fetch-site"] = rng.pick(["same-origin", "same-site", "cross-site", "none", printable(rng, 12)]);
  if (rng.chance(0.05)) headers.accept = rng.pick(["text/html", "application/xml", "*/*;q=0", printable(rng, 80)]);
  if (rng.chance(0.05)) headers["accept-language"] = rng.pick(["zz", "*", printable(rng, 200)]);
  if (rng.chance(0.05)) headers["user-agent"] = printable(rng, 3000);
  if (rng.chance(0.05)) headers.authorization = rng.pick(["Bearer", "Bearer x.y.z", `Bearer ${Buffer.from(printable(rng, 200)).toString("base64url")}`, printable(rng, 300)]);
  if (rng.chance(0.03)) headers["x-forwarded-host"] = rng.pick(["evil.example", printable(rng, 60)]);
  if (rng.chance(0.03)) headers["x-forwarded-proto"] = rng.pick(["https", "gopher", printable(rng, 10)]);
  if (rng.chance(0.03)) headers["x-http-method-override"] = rng.pick(ALL_METHODS);
  if (rng.chance(0.02)) headers.range = "bytes=0-1";
  if (rng.chance(0.02)) headers["if-none-match"] = printable(rng, 50);
  return headers;
}

function cookieFor(rng: Rng, actor: Actor, cookies: Record<Actor, string>, ctx: Ctx): string {
  if (actor !== "anonymous" && rng.chance(0.95)) return cookies[actor];
  // Otherwise a tampered copy: one character of the token changed.
  const flip = (c: string) => (c === "A" ? "B" : "A");
  if (actor === "guest") return cookies.guest.replace(/(parley_guest_[^=]+=)(.)/, (_m, name: string, c: string) => name + flip(c));
  if (actor === "host") return cookies.host.replace(/(authjs\.session-token(?:\.\d+)?=[^;]*?)([^;])(;|$)/, (_m, head: string, c: string, end: string) => head + flip(c) + end);
  return rng.weighted<() => string>([
    [70, () => ""],
    [5, () => `__Secure-authjs.session-token=${printable(rng, 400).replace(/[;,\s]/g, "")}`],
    [5, () => `authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..${"A".repeat(rng.between(1, 300))}`],
    [5, () => `parley_guest_${ctx.code}=eyJhbGciOiJub25lIn0.eyJzdWIiOiJndWVzdF94IiwibWlkIjoieCJ9.`],
    [5, () => `parley_guest_${ctx.code}=${printable(rng, 200).replace(/[;,\s]/g, "")}`],
    [5, () => printable(rng, 500)],
    [5, () => `a=${"b".repeat(rng.between(100, 3000))}`],
  ])();
}

export type Planned = { index: number; method: Method; path: string; actor: Actor; route: string; body: Body; headers: Record<string, string>; nextOwned: boolean };

export function plan(seed: number, index: number, ctx: Ctx, cookies: Record<Actor, string>, baseURL: string): Planned {
  const rng = rngFor(seed, index);
  // First a systematic pass, so every route × method × caller is hit at least once; then at random.
  const combos = ROUTES.length * ALL_METHODS.length * ACTORS.length;
  let route: RouteSpec, method: Method, actor: Actor;
  if (index < combos) {
    route = ROUTES[index % ROUTES.length];
    method = ALL_METHODS[Math.floor(index / ROUTES.length) % ALL_METHODS.length];
    actor = ACTORS[Math.floor(index / (ROUTES.length * ALL_METHODS.length))];
  } else {
    route = rng.pick(ROUTES);
    method = rng.chance(0.8) ? rng.pick(route.methods) : rng.chance(0.9) ? rng.pick(ALL_METHODS) : "OPTIONS";
    actor = rng.pick(ACTORS);
  }
  const { code, nextOwned } = route.usesCode ? pickCode(rng, ctx) : { code: ctx.code, nextOwned: false };
  const template = route.template?.(rng, ctx) ?? {};
  const sendsBody = method !== "GET" && method !== "OPTIONS" ? rng.chance(0.95) : rng.chance(0.05);
  const body = sendsBody ? makeBody(rng, template) : { label: "none" };
  const headers = randomHeaders(rng, baseURL);
  if (body.data) headers["content-type"] = rng.chance(0.75) ? "application/json" : rng.pick(CONTENT_TYPES);
  headers.cookie = cookieFor(rng, actor, cookies, ctx);
  return { index, method, path: route.path(code, rng), actor, route: route.name, body, headers, nextOwned };
}

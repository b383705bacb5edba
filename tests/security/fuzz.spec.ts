import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { expect, STORAGE, test } from "../fixtures";
import { plan, type Actor, type Ctx, type Planned } from "./fuzz-requests";

/**
 * Sends ≥ 10 000 malformed requests to every route under app/api, as nobody, as a guest and as the
 * signed-in host, and asserts the server never answers ≥ 500 and every 4xx is our JSON error:
 * `content-type: application/json` and `{ error: { code, message } }` with both non-empty.
 * 429s from the rate limits are fine (they must carry `Retry-After`).
 *
 * One exception, counted separately: a path with a malformed %-escape (`%E0%A4%A`, `%zz`) cannot be
 * decoded, and Next.js answers it before any of our code runs, as plain text. For those only
 * "no 5xx" is asserted.
 *
 * Deterministic: request i is generated from FUZZ_SEED and i alone, so a failure printed with its
 * index and seed can be regenerated (the server's state still depends on what ran before).
 * FUZZ_REQUESTS changes the count. Every request carries an X-Forwarded-For from a documentation
 * range (TEST-NET-2), so per-address limits count against those, not against 127.0.0.1, which the
 * other specs share.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_415);
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 8;

// ─── what must come back ───────────────────────────────────────────────────────────────────────
type Outcome = { status: number; problem?: string };

async function send(api: APIRequestContext, p: Planned): Promise<Outcome> {
  let response;
  try {
    response = await api.fetch(p.path, { method: p.method, headers: p.headers, data: p.body.data, maxRedirects: 0, timeout: 60_000 });
  } catch (err) {
    return { status: 0, problem: `no response: ${err instanceof Error ? err.message.split("\n")[0] : err}` };
  }
  const status = response.status();
  if (status >= 500) return { status, problem: `status ${status}: ${(await response.text()).slice(0, 300)}` };
  if (status < 400 || p.nextOwned) return { status };
  const type = response.headers()["content-type"] ?? "";
  const text = await response.text();
  if (!type.includes("application/json")) return { status, problem: `${status} with content-type "${type}": ${text.slice(0, 200)}` };
  let error: { code?: unknown; message?: unknown } | undefined;
  try {
    error = JSON.parse(text)?.error;
  } catch {
    return { status, problem: `${status} body is not JSON: ${text.slice(0, 200)}` };
  }
  if (typeof error?.code !== "string" || !error.code || typeof error.message !== "string" || !error.message.trim()) {
    return { status, problem: `${status} body is not {error:{code,message}}: ${text.slice(0, 200)}` };
  }
  if (status === 429 && !/^\d+$/.test(response.headers()["retry-after"] ?? "")) return { status, problem: "429 without a Retry-After in seconds" };
  if (status === 405 && !response.headers()["allow"]) return { status, problem: "405 without Allow" };
  return { status };
}

function describeRequest(p: Planned): string {
  const preview = p.body.data ? p.body.data.subarray(0, 160).toString("utf8").replace(/[\u0000-\u001f]/g, "·") : "";
  const size = p.body.data ? ` (${p.body.data.length} B ${p.body.label}, ${p.headers["content-type"] ?? "no type"})` : "";
  return `#${p.index} ${p.actor} ${p.method} ${p.path.slice(0, 120)}${size} ${preview}`;
}

// ─── the run ───────────────────────────────────────────────────────────────────────────────────
const FIXED_ADDRESS = { "x-forwarded-for": "198.51.100.250" };
let api: APIRequestContext;
let ctx: Ctx;
const cookies = {} as Record<Actor, string>;

const cookieHeader = (list: Array<{ name: string; value: string }>) => list.map((c) => `${c.name}=${c.value}`).join("; ");

test.beforeAll(async ({ baseURL }) => {
  const host = await playwrightRequest.newContext({ baseURL, storageState: STORAGE.host, extraHTTPHeaders: FIXED_ADDRESS });
  const guest = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: FIXED_ADDRESS });
  try {
    const create = (title: string) => host.post("/api/meetings", { data: { title } });
    const [a, b] = await Promise.all([create("Fuzz target"), create("Fuzz other")]);
    expect(a.status()).toBe(201);
    expect(b.status()).toBe(201);
    const code = (await a.json()).meeting.code as string;
    const otherCode = (await b.json()).meeting.code as string;
    const joined = await guest.post(`/api/meetings/${code}/guest`, { data: { displayName: "Fuzz Guest" } });
    expect(joined.status(), await joined.text()).toBe(201);
    ctx = { code, otherCode, guestIdentity: (await joined.json()).guest.identity };
    cookies.host = cookieHeader((await host.storageState()).cookies);
    cookies.guest = cookieHeader((await guest.storageState()).cookies);
    cookies.anonymous = "";
    expect(cookies.host).toMatch(/authjs\.session-token(\.\d+)?=/);
    expect(cookies.guest).toContain(`parley_guest_${code}=`);
  } finally {
    await Promise.all([host.dispose(), guest.dispose()]);
  }
  // One context for every request; the cookie header is always set explicitly, so its jar is never used.
  api = await playwrightRequest.newContext({ baseURL });
});

test.afterAll(async () => {
  await api?.dispose();
});

test(`fuzz: ${TOTAL} malformed requests across every API route, no 5xx, JSON errors`, async ({ baseURL }) => {
  test.setTimeout(15 * 60_000);
  console.log(JSON.stringify({ fuzz: "start", seed: SEED, requests: TOTAL, concurrency: CONCURRENCY }));
  const started = Date.now();
  const statuses: Record<string, number> = {};
  const byRoute: Record<string, Record<string, number>> = {};
  const failures: string[] = [];
  let failureCount = 0;
  let nextOwned = 0;
  let nextIndex = 0;

  async function worker() {
    while (nextIndex < TOTAL) {
      const planned = plan(SEED, nextIndex++, ctx, cookies, baseURL!);
      const { status, problem } = await send(api, planned);
      statuses[status] = (statuses[status] ?? 0) + 1;
      (byRoute[planned.route] ??= {})[status] = (byRoute[planned.route][status] ?? 0) + 1;
      if (planned.nextOwned) nextOwned++;
      if (problem) {
        failureCount++;
        if (failures.length < 40) failures.push(`${describeRequest(planned)}\n    → ${problem}`);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  const summary = {
    seed: SEED,
    requests: TOTAL,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    statuses,
    byRoute,
    undecodablePaths: nextOwned,
    failures: failureCount,
  };
  console.log(JSON.stringify(summary));
  test.info().annotations.push({ type: "fuzz", description: JSON.stringify(summary) });
  await test.info().attach("fuzz-summary.json", { body: JSON.stringify(summary, null, 2), contentType: "application/json" });

  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  expect(total).toBe(TOTAL);
  expect(failureCount, `seed ${SEED}; first failures:\n${failures.join("\n")}`).toBe(0);
  expect(Object.keys(statuses).filter((s) => Number(s) >= 500)).toEqual([]);
});

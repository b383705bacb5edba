import { z } from "zod";
import { ROLES } from "./permissions";
import type { LobbyMode } from "./room-settings";
import type { MediaSource, ReactionEmoji } from "./room-signals";

/** Browser-side calls to the meeting routes other than chat (host controls, hands, reactions, lobby, token). */

type Fetch = typeof fetch;

/** How often a knocking visitor asks whether they were let in, and how often hosts re-read the lobby. */
export const KNOCK_POLL_MS = 2_000;
export const LOBBY_POLL_MS = 5_000;

export type ControlAction =
  | { action: "mute"; identity: string; source: MediaSource }
  | { action: "request_unmute"; identity: string; source: "microphone" | "camera" }
  | { action: "mute_all" }
  | { action: "remove"; identity: string; ban?: boolean }
  | { action: "set_role"; identity: string; role: "co_host" | "participant" | "viewer" }
  | { action: "lock"; locked: boolean }
  | { action: "end" }
  | { action: "restrict"; chatHostsOnly?: boolean; screenShareHostsOnly?: boolean; lobby?: LobbyMode }
  | { action: "lower_hand"; identity: string };

export type LobbyDecision = { action: "admit" | "deny"; identity: string } | { action: "admit_all" };

/**
 * `code`/`message` come from the server's `{error:{code,message}}` when it sent one. Our own codes:
 * "network" (no response), "aborted" (the caller cancelled), "invalid_response" (2xx of an unexpected shape).
 */
export type ApiFailure = { ok: false; status: number; code: string | null; message: string | null };
export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

const errorBodySchema = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) });

/** The body as JSON, or null when it is empty or not JSON (e.g. a proxy's HTML error page). */
export async function readJsonBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null; // a proxy's HTML error page: the status alone has to do
  }
}

export async function callJson<S extends z.ZodType>(url: string, init: RequestInit, schema: S, fetchImpl: Fetch): Promise<ApiResult<z.infer<S>>> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetchImpl(url, { cache: "no-store", ...init });
    body = await readJsonBody(response);
  } catch (error) {
    // fetch rejects with a DOMException named AbortError when the caller cancels.
    const aborted = typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
    return { ok: false, status: 0, code: aborted ? "aborted" : "network", message: null };
  }
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(body);
    const message = parsed.success ? parsed.data.error.message?.trim() || null : null;
    return { ok: false, status: response.status, code: parsed.success ? (parsed.data.error.code ?? null) : null, message };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, status: response.status, code: "invalid_response", message: null };
  return { ok: true, status: response.status, data: parsed.data };
}

const base = (code: string) => `/api/meetings/${encodeURIComponent(code)}`;
export const postInit = (body?: unknown, signal?: AbortSignal): RequestInit => ({
  method: "POST",
  headers: body === undefined ? undefined : { "content-type": "application/json" },
  body: body === undefined ? undefined : JSON.stringify(body),
  signal,
});
// Action routes answer `{ok:true}`; success is the status, so any body is accepted.
const anyBody = z.unknown();

export function postControl(code: string, action: ControlAction, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/controls`, postInit(action), anyBody, fetchImpl);
}

export function setHand(code: string, raised: boolean, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/hand`, postInit({ raised }), anyBody, fetchImpl);
}

export function sendReaction(code: string, emoji: ReactionEmoji, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/reaction`, postInit({ emoji }), anyBody, fetchImpl);
}

// ---------- joining ----------

const guestSchema = z.object({ guest: z.object({ identity: z.string(), displayName: z.string(), canPublish: z.boolean() }) });
export type GuestIdentity = z.infer<typeof guestSchema>["guest"];

/** A guest identity for this meeting. `embedded`: the cookie must also work inside another site's iframe. */
export function joinAsGuest(code: string, displayName: string, { embedded = false } = {}, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/guest`, postInit({ displayName, ...(embedded ? { embedded } : {}) }), guestSchema, fetchImpl);
}

const tokenSchema = z.object({
  token: z.string().min(1),
  url: z.string().min(1),
  self: z.object({ identity: z.string(), name: z.string(), role: z.enum(ROLES), canPublish: z.boolean() }),
});
export type TokenGrant = z.infer<typeof tokenSchema>;

export function requestToken(code: string, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/token`, postInit(), tokenSchema, fetchImpl);
}

/** The token route's way of saying "wait in the lobby": knock, then poll. */
export function isLobbyRefusal(result: ApiResult<unknown>): boolean {
  return !result.ok && result.status === 403 && result.code === "forbidden:lobby";
}

/** "none": no knock on record (never knocked, or the record is gone) — knock again. */
export const KNOCK_STATUSES = ["waiting", "admitted", "denied", "none"] as const;
export type KnockStatus = (typeof KNOCK_STATUSES)[number];
const knockSchema = z.object({ status: z.enum(KNOCK_STATUSES) });

export function knock(code: string, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/knock`, postInit(), knockSchema, fetchImpl);
}

export function getKnockStatus(code: string, signal?: AbortSignal, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/knock`, { signal }, knockSchema, fetchImpl);
}

// ---------- lobby (hosts) ----------

const lobbySchema = z.object({
  requests: z.array(z.object({ identity: z.string().min(1), name: z.string(), requestedAt: z.string() })),
});
export type LobbyRequest = z.infer<typeof lobbySchema>["requests"][number];

export function fetchLobby(code: string, signal?: AbortSignal, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/lobby`, { signal }, lobbySchema, fetchImpl);
}

export function decideLobby(code: string, decision: LobbyDecision, fetchImpl: Fetch = fetch) {
  return callJson(`${base(code)}/lobby`, postInit(decision), anyBody, fetchImpl);
}

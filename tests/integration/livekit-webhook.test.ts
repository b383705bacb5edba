import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { AccessToken, RoomServiceClient } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signExpiredLivekitJwt } from "../helpers/livekit-jwt";
import { TEST_PORTS } from "../helpers/ports";
import { createTestDatabase, setTestEnv } from "../helpers/test-env";
import { readMeetingSettings } from "@/lib/meetings/settings";

const defaultSettings = readMeetingSettings({});

/**
 * livekit-server posts real webhooks to a local HTTP server that hands each one
 * to our route handler unchanged; we then check what reached Postgres.
 */
const lk = inject("livekit");
let server: Server;
const deliveries: Array<{ status: number; outcome?: string }> = [];

type Handler = (request: Request) => Promise<Response>;
let post: Handler;

beforeAll(async () => {
  setTestEnv({
    DATABASE_URL: await createTestDatabase(inject("postgresAdminUrl"), "it_webhook"),
    LIVEKIT_URL: lk.url,
    LIVEKIT_API_KEY: lk.apiKey,
    LIVEKIT_API_SECRET: lk.apiSecret,
  });
  await (await import("@/lib/db/migrate")).migrateDatabase();
  const route = await import("@/app/api/livekit/webhook/route");
  post = (request) => route.POST(request, undefined as never);
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: "POST",
      headers: req.headers as Record<string, string>,
      body: Buffer.concat(chunks),
    });
    const response = await post(request);
    const body = await response.text();
    deliveries.push({ status: response.status, outcome: JSON.parse(body).outcome });
    res.writeHead(response.status, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(TEST_PORTS.webhookSink, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await (await import("@/lib/db/client")).closeDb();
});

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function makeMeeting() {
  const users = await import("@/lib/db/queries/users");
  const meetings = await import("@/lib/db/queries/meetings");
  const host = (await users.createUser({ email: `wh.${crypto.randomUUID()}@x.test`, name: "Host", passwordHash: "x" }))!;
  return meetings.createMeeting({ hostId: host.id, title: "Webhooks", scheduledStart: null, settings: defaultSettings });
}

/** Signs a body the way livekit-server does: a JWT whose sha256 claim is the body's hash. */
async function signBody(body: string, { secret = lk.apiSecret }: { secret?: string } = {}) {
  const at = new AccessToken(lk.apiKey, secret, { ttl: 60 });
  at.sha256 = createHash("sha256").update(body).digest("base64");
  return at.toJwt();
}

function webhookRequest(body: string, authorization?: string) {
  return new Request("http://127.0.0.1/api/livekit/webhook", {
    method: "POST",
    headers: { "content-type": "application/webhook+json", ...(authorization ? { authorization } : {}) },
    body,
  });
}

describe("LiveKit webhooks", () => {
  it("records room started and finished from the real server", async () => {
    const meeting = await makeMeeting();
    const { getMeetingById } = await import("@/lib/db/queries/meetings");
    const rooms = new RoomServiceClient(lk.httpUrl, lk.apiKey, lk.apiSecret);
    await rooms.createRoom({ name: meeting.code, emptyTimeout: 60 });
    const live = await waitFor(() => getMeetingById({ id: meeting.id }), (m) => m?.status === "live");
    expect(live?.status).toBe("live");
    expect(live?.startedAt).toBeInstanceOf(Date);

    await rooms.deleteRoom(meeting.code);
    const ended = await waitFor(() => getMeetingById({ id: meeting.id }), (m) => m?.status === "ended");
    expect(ended?.status).toBe("ended");
    const { listAuditEntries } = await import("@/lib/db/queries/audit-log");
    expect((await listAuditEntries({ meetingId: meeting.id })).map((e) => e.action)).toEqual(["room.started", "room.finished"]);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
  });

  it("records a participant joining and leaving, once, however often it is delivered", async () => {
    const meeting = await makeMeeting();
    const now = Math.floor(Date.now() / 1000);
    const joined = JSON.stringify({
      event: "participant_joined",
      id: `EV_join_${meeting.id}`,
      createdAt: String(now),
      room: { sid: "RM_x", name: meeting.code },
      participant: { sid: `PA_${meeting.id}`, identity: "guest_abc", name: "Visitor" },
    });
    const left = JSON.stringify({
      event: "participant_left",
      id: `EV_left_${meeting.id}`,
      createdAt: String(now + 30),
      room: { sid: "RM_x", name: meeting.code },
      participant: { sid: `PA_${meeting.id}`, identity: "guest_abc", name: "Visitor" },
    });
    const outcomes: string[] = [];
    for (const body of [joined, joined, left, left]) {
      const response = await post(webhookRequest(body, await signBody(body)));
      expect(response.status).toBe(200);
      outcomes.push((await response.json()).outcome);
    }
    expect(outcomes).toEqual(["handled", "duplicate", "handled", "duplicate"]);
    const { listParticipantSessions } = await import("@/lib/db/queries/participant-sessions");
    const sessions = await listParticipantSessions({ meetingId: meeting.id });
    expect(sessions).toHaveLength(1);
    expect(sessions[0].leftAt!.getTime() - sessions[0].joinedAt.getTime()).toBe(30_000);
  });

  it("answers 401 and changes nothing for forged, altered, expired or unsigned deliveries", async () => {
    const meeting = await makeMeeting();
    const body = JSON.stringify({
      event: "room_finished",
      id: `EV_forged_${meeting.id}`,
      createdAt: String(Math.floor(Date.now() / 1000)),
      room: { sid: "RM_y", name: meeting.code },
    });
    const attempts = [
      webhookRequest(body, await signBody(body, { secret: "not-the-livekit-secret-but-long-enough-0000" })),
      webhookRequest(body.replace("room_finished", "room_started"), await signBody(body)),
      webhookRequest(body),
      webhookRequest(body, "Bearer not-a-jwt"),
    ];
    const sha256 = createHash("sha256").update(body).digest("base64");
    attempts.push(webhookRequest(body, await signExpiredLivekitJwt({ apiKey: lk.apiKey, apiSecret: lk.apiSecret, claims: { sha256 } })));
    for (const request of attempts) {
      const response = await post(request);
      expect(response.status).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized:webhook");
    }
    const { getMeetingById } = await import("@/lib/db/queries/meetings");
    expect((await getMeetingById({ id: meeting.id }))?.status).toBe("scheduled");
    const { claimWebhookEvent } = await import("@/lib/db/queries/webhook-events");
    // The forged event's id was never recorded, so the genuine one would still be handled.
    expect(await claimWebhookEvent({ id: `EV_forged_${meeting.id}`, event: "room_finished" })).toBe(true);
  });
});

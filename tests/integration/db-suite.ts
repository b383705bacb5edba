import { describe, expect, it } from "vitest";
import { readMeetingSettings } from "@/lib/meetings/settings";

const defaultSettings = readMeetingSettings({});

/**
 * The same query functions against every database driver. Each *.test.ts file
 * sets the environment for one driver, then calls this.
 */
export function describeQueries(driverName: string) {
  describe(`queries on ${driverName}`, () => {
    const load = async () => ({
      client: await import("@/lib/db/client"),
      migrate: await import("@/lib/db/migrate"),
      users: await import("@/lib/db/queries/users"),
      meetings: await import("@/lib/db/queries/meetings"),
      guests: await import("@/lib/db/queries/guests"),
      chat: await import("@/lib/db/queries/chat-messages"),
      transcript: await import("@/lib/db/queries/transcript-segments"),
      sessions: await import("@/lib/db/queries/participant-sessions"),
      webhooks: await import("@/lib/db/queries/webhook-events"),
      audit: await import("@/lib/db/queries/audit-log"),
      revoked: await import("@/lib/db/queries/revoked-sessions"),
      bans: await import("@/lib/db/queries/meeting-bans"),
      lobby: await import("@/lib/db/queries/lobby-requests"),
      recordings: await import("@/lib/db/queries/recordings"),
      retention: await import("@/workers/jobs/recording-retention"),
      storage: await import("@/lib/storage"),
    });

    it("uses the driver the environment asks for", async () => {
      const { getEnv } = await import("@/lib/env");
      expect(getEnv().databaseDriver).toBe(driverName);
    });

    it("applies migrations twice without error", async () => {
      const q = await load();
      await q.migrate.migrateDatabase();
      await q.migrate.migrateDatabase();
    });

    it("creates users once per email, case-insensitively", async () => {
      const q = await load();
      const email = `Ada.${Date.now()}@Example.com`;
      const user = await q.users.createUser({ email, name: "Ada", passwordHash: "scrypt$x" });
      expect(user?.email).toBe(email.toLowerCase());
      expect(await q.users.createUser({ email: email.toUpperCase(), name: "Eve", passwordHash: "x" })).toBeUndefined();
      expect((await q.users.getUserByEmail({ email }))?.id).toBe(user?.id);
    });

    it("creates a meeting with a code, makes the creator host, and lists it as upcoming", async () => {
      const q = await load();
      const host = (await q.users.createUser({ email: `host.${Date.now()}@x.test`, name: "Host", passwordHash: "x" }))!;
      const meeting = await q.meetings.createMeeting({ hostId: host.id, title: "Standup", scheduledStart: null, settings: defaultSettings });
      expect(meeting.code).toMatch(/^[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
      expect(await q.meetings.getMemberRole({ meetingId: meeting.id, userId: host.id })).toBe("host");
      const later = await q.meetings.createMeeting({ hostId: host.id, title: "Retro", scheduledStart: new Date(Date.now() + 86_400_000), settings: defaultSettings });
      const old = await q.meetings.createMeeting({ hostId: host.id, title: "Old", scheduledStart: null, settings: defaultSettings });
      await q.meetings.markMeetingEnded({ id: old.id, at: new Date() });
      const list = await q.meetings.listMeetingsForUser({ userId: host.id });
      expect(list.upcoming.map((m) => m.title).sort()).toEqual(["Retro", "Standup"]);
      expect(list.past.map((m) => m.title)).toEqual(["Old"]);
      expect(list.upcoming.every((m) => m.role === "host")).toBe(true);
    });

    it("keeps an existing role when a member joins again", async () => {
      const q = await load();
      const host = (await q.users.createUser({ email: `h2.${Date.now()}@x.test`, name: "H", passwordHash: "x" }))!;
      const other = (await q.users.createUser({ email: `o2.${Date.now()}@x.test`, name: "O", passwordHash: "x" }))!;
      const meeting = await q.meetings.createMeeting({ hostId: host.id, title: "T", scheduledStart: null, settings: defaultSettings });
      expect(await q.meetings.ensureMember({ meetingId: meeting.id, userId: host.id, role: "participant" })).toBe("host");
      expect(await q.meetings.ensureMember({ meetingId: meeting.id, userId: other.id, role: "participant" })).toBe("participant");
    });

    it("stores a chat message once per clientId, even when retried concurrently", async () => {
      const q = await load();
      const host = (await q.users.createUser({ email: `c.${Date.now()}@x.test`, name: "C", passwordHash: "x" }))!;
      const meeting = await q.meetings.createMeeting({ hostId: host.id, title: "Chat", scheduledStart: null, settings: defaultSettings });
      const clientId = crypto.randomUUID();
      const msg = { meetingId: meeting.id, clientId, senderIdentity: host.id, senderName: "C", body: "hello 你好", sentAt: new Date() };
      const results = await Promise.all([q.chat.addChatMessage(msg), q.chat.addChatMessage(msg), q.chat.addChatMessage(msg)]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
      await q.chat.addChatMessage({ ...msg, clientId: crypto.randomUUID(), body: "second", sentAt: new Date(Date.now() + 1000) });
      const history = await q.chat.listChatMessages({ meetingId: meeting.id });
      expect(history.map((m) => m.body)).toEqual(["hello 你好", "second"]);
    });

    it("stores a caption segment once per segmentId and lists the transcript in speaking order", async () => {
      const q = await load();
      const host = (await q.users.createUser({ email: `t.${Date.now()}@x.test`, name: "T", passwordHash: "x" }))!;
      const meeting = await q.meetings.createMeeting({ hostId: host.id, title: "T", scheduledStart: null, settings: defaultSettings });
      const at = Date.now();
      const later = { meetingId: meeting.id, segmentId: crypto.randomUUID(), speakerIdentity: host.id, speakerName: "T", language: "zh", startedAt: new Date(at + 5000), endedAt: new Date(at + 7000), text: "大家好" };
      const first = { ...later, segmentId: crypto.randomUUID(), language: "en", startedAt: new Date(at), endedAt: new Date(at + 2000), text: "ask not what your country can do for you" };
      const results = await Promise.all([q.transcript.addTranscriptSegment(later), q.transcript.addTranscriptSegment(later)]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect((await q.transcript.addTranscriptSegment({ ...later, text: "changed" })).segment.text).toBe("大家好");
      await q.transcript.addTranscriptSegment(first);
      const rows = await q.transcript.listTranscriptSegments({ meetingId: meeting.id });
      expect(rows.map((r) => [r.language, r.text])).toEqual([["en", first.text], ["zh", "大家好"]]);
    });

    it("records participant sessions idempotently, including a 'left' without its 'joined'", async () => {
      const q = await load();
      const host = (await q.users.createUser({ email: `p.${Date.now()}@x.test`, name: "P", passwordHash: "x" }))!;
      const meeting = await q.meetings.createMeeting({ hostId: host.id, title: "P", scheduledStart: null, settings: defaultSettings });
      const joinedAt = new Date(Date.now() - 60_000);
      const a = { meetingId: meeting.id, identity: host.id, livekitSid: `PA_${Date.now()}`, displayName: "P", joinedAt };
      await q.sessions.recordParticipantJoined(a);
      await q.sessions.recordParticipantJoined(a);
      await q.sessions.recordParticipantLeft({ ...a, leftAt: new Date() });
      await q.sessions.recordParticipantLeft({ meetingId: meeting.id, identity: "guest_x", livekitSid: `PB_${Date.now()}`, displayName: "G", leftAt: new Date() });
      await q.sessions.recordParticipantJoined({ ...a, livekitSid: `PC_${Date.now()}` });
      await q.sessions.closeOpenSessions({ meetingId: meeting.id, at: new Date() });
      const rows = await q.sessions.listParticipantSessions({ meetingId: meeting.id });
      expect(rows).toHaveLength(3);
      expect(rows.every((r) => r.leftAt !== null)).toBe(true);
    });

    it("claims a webhook event id once and can release it", async () => {
      const q = await load();
      const id = `EV_${Date.now()}`;
      expect(await q.webhooks.claimWebhookEvent({ id, event: "room_started" })).toBe(true);
      expect(await q.webhooks.claimWebhookEvent({ id, event: "room_started" })).toBe(false);
      await q.webhooks.releaseWebhookEvent({ id });
      expect(await q.webhooks.claimWebhookEvent({ id, event: "room_started" })).toBe(true);
    });

    it("creates guests bound to one meeting and writes audit rows", async () => {
      const q = await load();
      const host = (await q.users.createUser({ email: `g.${Date.now()}@x.test`, name: "G", passwordHash: "x" }))!;
      const meeting = await q.meetings.createMeeting({ hostId: host.id, title: "G", scheduledStart: null, settings: { ...defaultSettings, guestsCanPublish: false } });
      const guest = await q.guests.createGuest({ meetingId: meeting.id, displayName: "Visitor", canPublish: false });
      expect(guest.id).toMatch(/^guest_/);
      expect((await q.guests.getGuestById({ id: guest.id }))?.meetingId).toBe(meeting.id);
      await q.audit.addAuditEntry({ meetingId: meeting.id, actor: guest.id, action: "guest.created", detail: { displayName: "Visitor" } });
      const entries = await q.audit.listAuditEntries({ meetingId: meeting.id });
      expect(entries.map((e) => e.action)).toEqual(["guest.created"]);
    });

    it("remembers signed-out sessions until they would have expired", async () => {
      const q = await load();
      const sessionId = crypto.randomUUID();
      expect(await q.revoked.isSessionRevoked({ sessionId })).toBe(false);
      await q.revoked.revokeSession({ sessionId, expiresAt: new Date(Date.now() + 3600_000) });
      await q.revoked.revokeSession({ sessionId, expiresAt: new Date(Date.now() + 3600_000) });
      expect(await q.revoked.isSessionRevoked({ sessionId })).toBe(true);
      const stale = crypto.randomUUID();
      await q.revoked.revokeSession({ sessionId: stale, expiresAt: new Date(Date.now() - 1000) });
      await q.revoked.revokeSession({ sessionId: crypto.randomUUID(), expiresAt: new Date(Date.now() + 1000) });
      expect(await q.revoked.isSessionRevoked({ sessionId: stale })).toBe(false);
    });

    it("keeps lobby knocks in order and decides them once; bans are per meeting", async () => {
      const q = await load();
      const host = (await q.users.createUser({ email: `l.${Date.now()}@x.test`, name: "L", passwordHash: "x" }))!;
      const meeting = await q.meetings.createMeeting({ hostId: host.id, title: "Lobby", scheduledStart: null, settings: defaultSettings });
      const other = await q.meetings.createMeeting({ hostId: host.id, title: "Other", scheduledStart: null, settings: defaultSettings });
      await q.lobby.knock({ meetingId: meeting.id, identity: "guest_a", displayName: "A" });
      await new Promise((r) => setTimeout(r, 5));
      await q.lobby.knock({ meetingId: meeting.id, identity: "guest_b", displayName: "B" });
      await q.lobby.knock({ meetingId: meeting.id, identity: "guest_a", displayName: "A again" });
      expect((await q.lobby.listWaiting({ meetingId: meeting.id })).map((r) => r.identity)).toEqual(["guest_a", "guest_b"]);
      expect(await q.lobby.decideLobby({ meetingId: meeting.id, identity: "guest_b", status: "denied", decidedBy: host.id })).toEqual(["guest_b"]);
      expect(await q.lobby.decideLobby({ meetingId: meeting.id, identity: "guest_b", status: "admitted", decidedBy: host.id })).toEqual([]);
      expect(await q.lobby.decideLobby({ meetingId: meeting.id, status: "admitted", decidedBy: host.id })).toEqual(["guest_a"]);
      expect((await q.lobby.knock({ meetingId: meeting.id, identity: "guest_b", displayName: "B" })).status).toBe("denied");
      await q.bans.banFromMeeting({ meetingId: meeting.id, identity: "guest_a", bannedBy: host.id });
      expect(await q.bans.isBanned({ meetingId: meeting.id, identity: "guest_a" })).toBe(true);
      expect(await q.bans.isBanned({ meetingId: other.id, identity: "guest_a" })).toBe(false);
    });

    it("applies a meeting's recording retention and the retention job deletes what ran out, files included", async () => {
      const q = await load();
      const host = (await q.users.createUser({ email: `r.${Date.now()}@x.test`, name: "R", passwordHash: "x" }))!;
      const meeting = await q.meetings.createMeeting({ hostId: host.id, title: "Recorded", scheduledStart: null, settings: defaultSettings });
      const make = async (suffix: string) =>
        q.recordings.createRecording({ id: crypto.randomUUID(), meetingId: meeting.id, startedBy: host.id, title: suffix, objectKey: `recordings/${meeting.code}/${suffix}-${Date.now()}.webm`, mimeType: "video/webm", uploadId: "u" });
      const old = await make("old");
      const recent = await make("recent");
      const running = await make("running");
      const day = 24 * 3600_000;
      await q.recordings.updateRecording({ id: old.id, changes: { status: "ready", uploadId: null, endedAt: new Date(Date.now() - 40 * day) } });
      await q.recordings.updateRecording({ id: recent.id, changes: { status: "ready", uploadId: null, endedAt: new Date(Date.now() - 2 * day) } });
      const storage = await q.storage.getStorage();
      await storage.put(old.objectKey, new TextEncoder().encode("old bytes"));
      await storage.put(recent.objectKey, new TextEncoder().encode("recent bytes"));

      await q.recordings.applyRecordingRetention({ meetingId: meeting.id, days: 30 });
      const after = async (id: string) => (await q.recordings.getRecordingById({ id }))?.deleteAfter ?? null;
      expect(Math.abs((await after(old.id))!.getTime() - (Date.now() - 10 * day))).toBeLessThan(60_000);
      expect(Math.abs((await after(recent.id))!.getTime() - (Date.now() + 28 * day))).toBeLessThan(60_000);
      expect(await after(running.id)).toBeNull(); // still recording: counted from when it ends

      expect(await q.retention.deleteExpiredRecordings()).toBe(1);
      expect(await q.recordings.getRecordingById({ id: old.id })).toBeUndefined();
      expect(await storage.head(old.objectKey)).toBeNull();
      expect(await storage.head(recent.objectKey)).not.toBeNull();
      expect(await q.retention.deleteExpiredRecordings()).toBe(0);
      const audit = await q.audit.listAuditEntries({ meetingId: meeting.id });
      expect(audit.some((e) => e.action === "recording.expired" && e.target === old.id)).toBe(true);

      await q.recordings.applyRecordingRetention({ meetingId: meeting.id, days: null });
      expect(await after(recent.id)).toBeNull();
      await storage.delete(recent.objectKey);
    });

    it("closes the connection", async () => {
      const q = await load();
      await q.client.closeDb();
    });
  });
}

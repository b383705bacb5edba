import { getMeetingCaller, recordMembership } from "@/lib/auth/caller";
import { AppError } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { refuseOtherMethods, route } from "@/lib/http";
import { ensureRoom } from "@/lib/livekit/rooms";
import { mintParticipantToken, roomNameForMeeting } from "@/lib/livekit/token";
import { checkAdmission } from "@/lib/meetings/admission";
import { loadMeetingOr404 } from "@/lib/meetings/load";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { enforceRateLimit } from "@/lib/rate-limit";

type Ctx = { params: Promise<{ code: string }> };

/**
 * Mints a LiveKit token for the caller's own identity in this meeting's room only:
 * session/guest → meeting → ban, lock and lobby → role grants.
 */
export const POST = route(async (_request, { params }: Ctx) => {
  const meeting = await loadMeetingOr404((await params).code);
  const found = await getMeetingCaller(meeting);
  if (!found) throw new AppError("unauthorized:meeting", "Sign in or join this meeting as a guest first.");
  await enforceRateLimit({ bucket: "token", key: `${meeting.id}:${found.identity}` });
  if ((await checkAdmission(meeting, found)) === "lobby") {
    throw new AppError("forbidden:lobby", "This meeting has a lobby: wait for a host to let you in.");
  }
  const caller = await recordMembership(meeting, found);
  const settings = readMeetingSettings(meeting.settings);
  const room = roomNameForMeeting(meeting);
  await ensureRoom(meeting);
  const { token, expiresInSeconds } = await mintParticipantToken({
    room,
    identity: caller.identity,
    name: caller.name,
    role: caller.role,
    kind: caller.kind,
    canPublish: caller.canPublish,
    settings,
  });
  return Response.json(
    {
      token,
      url: getEnv().livekitPublicUrl,
      expiresInSeconds,
      self: { identity: caller.identity, name: caller.name, role: caller.role, canPublish: caller.canPublish },
    },
    { headers: { "cache-control": "no-store" } },
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");

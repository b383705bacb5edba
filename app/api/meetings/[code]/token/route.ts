import { joinMeetingAsCaller } from "@/lib/auth/caller";
import { AppError } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { route } from "@/lib/http";
import { mintParticipantToken, roomNameForMeeting } from "@/lib/livekit/token";
import { loadMeetingOr404 } from "@/lib/meetings/load";

type Ctx = { params: Promise<{ code: string }> };

/** Mints a LiveKit token for the caller's own identity in this meeting's room only. */
export const POST = route(async (_request, { params }: Ctx) => {
  const meeting = await loadMeetingOr404((await params).code);
  const caller = await joinMeetingAsCaller(meeting);
  if (!caller) throw new AppError("unauthorized:meeting", "Sign in or join this meeting as a guest first.");
  const { token, expiresInSeconds } = await mintParticipantToken({
    room: roomNameForMeeting(meeting),
    identity: caller.identity,
    name: caller.name,
    role: caller.role,
    kind: caller.kind,
    canPublish: caller.canPublish,
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

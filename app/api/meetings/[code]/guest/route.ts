import { hasBanMarker } from "@/lib/auth/ban-marker";
import { setGuestCookie } from "@/lib/auth/guest";
import { addAuditEntry } from "@/lib/db/queries/audit-log";
import { createGuest } from "@/lib/db/queries/guests";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { bannedError } from "@/lib/meetings/admission";
import { loadMeetingOr404 } from "@/lib/meetings/load";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { clientIp, enforceRateLimit } from "@/lib/rate-limit";
import { joinAsGuestSchema } from "./schema";

type Ctx = { params: Promise<{ code: string }> };

/** Gives the browser a guest identity limited to this meeting (HttpOnly cookie). */
export const POST = route(async (request, { params }: Ctx) => {
  // Counted before anything else, so probing for meeting codes is limited too.
  await enforceRateLimit({ bucket: "guestJoin", key: clientIp(request.headers) });
  const meeting = await loadMeetingOr404((await params).code);
  const { displayName, embedded = false } = await readJson(request, joinAsGuestSchema);
  const settings = readMeetingSettings(meeting.settings);
  if (!settings.allowGuests) throw new AppError("forbidden:guests", "This meeting does not accept guests. Sign in to join.");
  // A banned guest (or a banned user who signed out) does not get a fresh identity to walk back in with.
  if (await hasBanMarker(meeting)) throw bannedError();
  const guest = await createGuest({ meetingId: meeting.id, displayName, canPublish: settings.guestsCanPublish });
  await setGuestCookie(meeting.code, { guestId: guest.id, meetingId: meeting.id }, { embedded });
  await addAuditEntry({ meetingId: meeting.id, actor: guest.id, action: "guest.created", detail: { displayName } });
  return Response.json(
    { guest: { identity: guest.id, displayName: guest.displayName, canPublish: guest.canPublish } },
    { status: 201 },
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");

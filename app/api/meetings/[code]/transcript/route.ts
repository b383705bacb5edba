import { addTranscriptSegment, listTranscriptSegments, toStoredCaption } from "@/lib/db/queries/transcript-segments";
import { isEncryptedText } from "@/lib/e2ee/text";
import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { findParticipant, sendServerMessage } from "@/lib/livekit/room-service";
import { roomNameForMeeting } from "@/lib/livekit/token";
import { CAPTION_TOPIC, postCaptionSchema, type CaptionSignal } from "@/lib/meetings/captions";
import { loadMeetingAndCaller } from "@/lib/meetings/load";
import { can } from "@/lib/meetings/permissions";
import { readMeetingSettings } from "@/lib/meetings/settings";
import { enforceRateLimit } from "@/lib/rate-limit";

type Ctx = { params: Promise<{ code: string }> };

// Clock skew tolerated on the speaker's times; outside it the segment is moved to end now.
const MAX_SKEW_MS = 5 * 60_000;

/** The meeting's stored transcript, for everyone who may be in it. */
export const GET = route(async (_request, { params }: Ctx) => {
  const { meeting } = await loadMeetingAndCaller((await params).code);
  const segments = await listTranscriptSegments({ meetingId: meeting.id });
  return Response.json({ segments: segments.map(toStoredCaption) }, { headers: { "cache-control": "no-store" } });
});

/**
 * A caption from the speaker's own device: relayed to the room at once (partials and finals) and,
 * when final, stored once per segmentId (201 new, 200 already stored: a retry is harmless).
 */
export const POST = route(async (request, { params }: Ctx) => {
  const { meeting, caller } = await loadMeetingAndCaller((await params).code);
  await enforceRateLimit({ bucket: "caption", key: `${meeting.id}:${caller.identity}` });
  if (!can(caller.role, "captions.publish")) throw new AppError("forbidden:captions", "Only people who can speak in this meeting publish captions.");
  const input = await readJson(request, postCaptionSchema);
  const settings = readMeetingSettings(meeting.settings);
  // Defence in depth, as for chat: only envelope-shaped captions in an encrypted meeting (the shape is all the server can check).
  if (settings.e2ee && !isEncryptedText(input.text)) {
    throw new AppError("bad_request:plaintext_in_e2ee", "This meeting is end-to-end encrypted: captions must be sent encrypted.");
  }
  if (!settings.captions) throw new AppError("conflict:captions_off", "Captions are off in this meeting.");
  const room = roomNameForMeeting(meeting);
  if (!(await findParticipant(room, caller.identity))) throw new AppError("conflict:not_in_room", "Join the meeting first.");

  const skew = Date.now() - Date.parse(input.endedAt);
  const shift = Math.abs(skew) <= MAX_SKEW_MS ? 0 : skew;
  const startedAt = new Date(Date.parse(input.startedAt) + shift);
  const endedAt = new Date(Date.parse(input.endedAt) + shift);
  const signal: CaptionSignal = {
    segmentId: input.segmentId,
    identity: caller.identity,
    name: caller.name,
    language: input.language,
    final: input.final,
    startedAt: startedAt.toISOString(),
    endedAt: endedAt.toISOString(),
    text: input.text,
  };
  let created = false;
  if (input.final) {
    const stored = await addTranscriptSegment({
      meetingId: meeting.id,
      segmentId: input.segmentId,
      speakerIdentity: caller.identity,
      speakerName: caller.name,
      language: input.language,
      startedAt,
      endedAt,
      text: input.text,
    });
    created = stored.created;
    // A retry after the first store relays nothing new: the room already has it.
    if (!created) return Response.json({ segment: toStoredCaption(stored.segment) }, { status: 200 });
  }
  await sendServerMessage(room, CAPTION_TOPIC, signal);
  return Response.json({ segment: signal }, { status: created ? 201 : 202 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET", "POST");

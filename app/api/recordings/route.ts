import { getSessionUser } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { refuseOtherMethods, route } from "@/lib/http";
import { listVisibleRecordingsForUser, recordingToJson } from "@/lib/recordings/load";

/** Every recording the signed-in person may see, across their meetings, newest first (the recordings page). */
export const GET = route(async () => {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized:session");
  const recordings = (await listVisibleRecordingsForUser(user.id)).map(({ recording, role, meeting }) => ({ ...recordingToJson(recording), meeting, role }));
  return Response.json({ recordings });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");

import { AppError } from "@/lib/errors";
import { readJson, refuseOtherMethods, route } from "@/lib/http";
import { canUpload } from "@/lib/recordings/access";
import { loadRecordingAndCaller } from "@/lib/recordings/load";
import { getStorage } from "@/lib/storage";
import { partRequestSchema } from "../schema";

type Ctx = { params: Promise<{ id: string }> };

/** Long enough for a slow uplink to send a part; the browser asks again for a retry. */
const PART_LINK_SECONDS = 15 * 60;

async function loadForUpload(id: string) {
  const loaded = await loadRecordingAndCaller(id);
  if (!canUpload(loaded.caller.identity, loaded.recording) || !loaded.recording.uploadId) {
    throw new AppError("forbidden:recording_upload", "Only the browser recording this meeting can upload to it, while it records.");
  }
  return { ...loaded, uploadId: loaded.recording.uploadId };
}

/** The parts stored so far: where an interrupted upload (a crashed tab, a dropped network) resumes. */
export const GET = route(async (_request, { params }: Ctx) => {
  const { recording, uploadId } = await loadForUpload((await params).id);
  const parts = await (await getStorage()).listParts(recording.objectKey, uploadId);
  return Response.json({ parts });
});

/** A presigned URL to PUT one part to (S3, or this app's signed link for the filesystem driver). */
export const POST = route(async (request, { params }: Ctx) => {
  const { recording, uploadId } = await loadForUpload((await params).id);
  const { partNumber } = await readJson(request, partRequestSchema);
  const url = await (await getStorage()).presignUploadPart(recording.objectKey, uploadId, partNumber, { expiresInSeconds: PART_LINK_SECONDS });
  return Response.json({ url, expiresInSeconds: PART_LINK_SECONDS });
});

export const { PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET", "POST");

import { refuseOtherMethods, route } from "@/lib/http";
import { processedKeys } from "@/lib/recordings/files";
import { checkProcessing, loadRecordingAndCaller } from "@/lib/recordings/load";
import { getStorage } from "@/lib/storage";

type Ctx = { params: Promise<{ id: string }> };

const LINK_SECONDS = 30 * 60;

/**
 * Begins storing a post-processed recording (the seekable MP4 and its poster, made in the browser
 * with ffmpeg.wasm): one single-part upload for each, with presigned URLs to PUT them to.
 * POST ./complete then swaps the recording over to the MP4.
 */
export const POST = route(async (_request, { params }: Ctx) => {
  const { recording, caller } = await loadRecordingAndCaller((await params).id);
  checkProcessing(caller, recording);
  const storage = await getStorage();
  const keys = processedKeys(recording);
  const begin = async (key: string, contentType: string) => {
    const { uploadId } = await storage.createMultipartUpload(key, { contentType });
    return { uploadId, url: await storage.presignUploadPart(key, uploadId, 1, { expiresInSeconds: LINK_SECONDS }) };
  };
  return Response.json({ video: await begin(keys.video, "video/mp4"), poster: await begin(keys.poster, "image/jpeg"), expiresInSeconds: LINK_SECONDS }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");

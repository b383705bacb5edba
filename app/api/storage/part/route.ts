import { AppError } from "@/lib/errors";
import { readBodyUpTo, refuseOtherMethods, route } from "@/lib/http";
import { getFsStorage } from "@/lib/storage";
import { verifyGrant } from "@/lib/storage/signed-url";
import { MAX_FS_PART_BYTES, StorageError } from "@/lib/storage/types";

/**
 * One part of a multipart upload through a signed URL, for the filesystem driver (S3 takes its own
 * presigned PUTs). Answers 200 with the part's ETag header, as S3 does.
 */
export const PUT = route(async (request) => {
  const grant = verifyGrant(new URL(request.url).searchParams.get("token") ?? "");
  if (!grant || grant.op !== "put-part") throw new AppError("forbidden:storage_token", "This upload link is not valid or has expired.");
  const storage = await getFsStorage();
  if (!storage) throw new AppError("not_found:route");
  const bytes = await readBodyUpTo(request, MAX_FS_PART_BYTES, () => new AppError("payload_too_large:part", "A part can be at most 64 MiB."));
  if (bytes.length === 0) throw new AppError("bad_request:empty_part", "The part is empty.");
  try {
    const etag = await storage.writePart(grant.key, grant.uploadId, grant.partNumber, bytes);
    return new Response(null, { status: 200, headers: { etag, "access-control-expose-headers": "ETag" } });
  } catch (error) {
    if (error instanceof StorageError && error.reason === "upload") throw new AppError("not_found:upload", "This upload was finished or cancelled.");
    throw error;
  }
});

export const { GET, POST, PATCH, DELETE, OPTIONS } = refuseOtherMethods("PUT");

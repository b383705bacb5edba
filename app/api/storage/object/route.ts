import { AppError } from "@/lib/errors";
import { refuseOtherMethods, route } from "@/lib/http";
import { getFsStorage } from "@/lib/storage";
import { parseRangeHeader } from "@/lib/storage/range";
import { verifyGrant } from "@/lib/storage/signed-url";
import { StorageError } from "@/lib/storage/types";

/**
 * A download through a signed URL, for the filesystem driver (S3 serves its own). The grant says
 * which object, until when, and under what file name; Range requests get 206, as from S3, so
 * <video> can seek.
 */
export const GET = route(async (request) => {
  const grant = verifyGrant(new URL(request.url).searchParams.get("token") ?? "");
  if (!grant || grant.op !== "get") throw new AppError("forbidden:storage_token", "This download link is not valid or has expired.");
  const storage = await getFsStorage();
  if (!storage) throw new AppError("not_found:route");
  const info = await storage.head(grant.key);
  if (!info) throw new AppError("not_found:object", "The file is no longer there.");
  const range = parseRangeHeader(request.headers.get("range"), info.size);
  let object;
  try {
    object = await storage.get(grant.key, range ? { range } : undefined);
  } catch (error) {
    if (error instanceof StorageError && error.reason === "range") {
      return new Response(null, { status: 416, headers: { "content-range": `bytes */${info.size}` } });
    }
    throw error;
  }
  if (!object) throw new AppError("not_found:object", "The file is no longer there.");
  const headers = new Headers({
    "content-type": info.contentType,
    "accept-ranges": "bytes",
    etag: info.etag,
    "cache-control": "private, max-age=0",
    "content-length": String(object.range ? object.range.end - object.range.start + 1 : info.size),
  });
  if (grant.filename) headers.set("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(grant.filename)}`);
  if (object.range) headers.set("content-range", `bytes ${object.range.start}-${object.range.end}/${object.range.size}`);
  return new Response(object.body, { status: object.range ? 206 : 200, headers });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("GET");

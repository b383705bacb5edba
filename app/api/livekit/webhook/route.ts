import { AppError } from "@/lib/errors";
import { readBodyUpTo, refuseOtherMethods, route } from "@/lib/http";
import { handleWebhookEvent } from "@/lib/livekit/handle-webhook";
import { verifyWebhook } from "@/lib/livekit/webhook";

/**
 * LiveKit posts room and participant events here (application/webhook+json). No CSRF check: the
 * caller is a server, and the signature (verified before anything is parsed) is its proof.
 */
// LiveKit's events are a few kilobytes; an unauthenticated caller must not make us buffer more.
const MAX_WEBHOOK_BYTES = 256 * 1024;

export const POST = route(async (request) => {
  const bytes = await readBodyUpTo(request, MAX_WEBHOOK_BYTES, () => new AppError("payload_too_large:webhook", "A webhook body is at most 256 KiB."));
  const body = new TextDecoder().decode(bytes);
  let event;
  try {
    event = await verifyWebhook(body, request.headers.get("authorization"));
  } catch (err) {
    console.warn("[parley] webhook refused:", err instanceof Error ? err.message : err);
    throw new AppError("unauthorized:webhook", "Webhook signature is missing, invalid or expired.");
  }
  const outcome = await handleWebhookEvent(event);
  return Response.json({ ok: true, outcome });
}, { csrf: false });

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");

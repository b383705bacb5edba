import { AppError } from "@/lib/errors";
import { route } from "@/lib/http";
import { handleWebhookEvent } from "@/lib/livekit/handle-webhook";
import { verifyWebhook } from "@/lib/livekit/webhook";

/** LiveKit posts room and participant events here (application/webhook+json). */
export const POST = route(async (request) => {
  const body = await request.text();
  let event;
  try {
    event = await verifyWebhook(body, request.headers.get("authorization"));
  } catch (err) {
    console.warn("[parley] webhook refused:", err instanceof Error ? err.message : err);
    throw new AppError("unauthorized:webhook", "Webhook signature is missing, invalid or expired.");
  }
  const outcome = await handleWebhookEvent(event);
  return Response.json({ ok: true, outcome });
});

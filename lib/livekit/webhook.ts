import "server-only";
import { WebhookReceiver, type WebhookEvent } from "livekit-server-sdk";
import { getEnv } from "@/lib/env";

let receiver: WebhookReceiver | undefined;

/**
 * Verifies the Authorization JWT (signature, expiry, body sha256) before the
 * body is parsed. Throws on anything forged, expired or altered.
 */
export async function verifyWebhook(body: string, authorization: string | null): Promise<WebhookEvent> {
  if (!authorization) throw new Error("missing Authorization header");
  const env = getEnv();
  receiver ??= new WebhookReceiver(env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET);
  return receiver.receive(body, authorization);
}

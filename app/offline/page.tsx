import type { Metadata } from "next";
import { OfflineMeetings } from "@/components/pwa/offline-meetings";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("shell.offline.title"), robots: { index: false } };
}

/**
 * What the service worker shows when a page cannot be fetched. It is precached, so it must not
 * depend on who is signed in: the meetings come from this device's localStorage.
 */
export default async function OfflinePage() {
  const t = await getT();
  return (
    <main id="main" className="page stack">
      <h1>{t("shell.offline.title")}</h1>
      <p className="muted">{t("shell.offline.body")}</p>
      <OfflineMeetings />
    </main>
  );
}

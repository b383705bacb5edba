import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { RecordingPlayer } from "@/components/recordings/recording-player";
import { TopBar } from "@/components/ui/top-bar";
import { getSessionUser } from "@/lib/auth";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())("recordings.title") };
}

/**
 * One recording: player, download, rename, share, delete. The player asks the API for the file (so
 * every viewing is checked and audited there) rather than rendering a link into the page.
 */
export default async function RecordingPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/recordings/${id}`)}`);
  const t = await getT();
  return (
    <>
      <TopBar t={t} userName={user.name} />
      <main id="main" className="page stack">
        <RecordingPlayer id={id} />
      </main>
    </>
  );
}

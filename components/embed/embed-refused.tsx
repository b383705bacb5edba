import { getT } from "@/lib/i18n/server";

/** Shown instead of a meeting when the page asking for it is not on the meeting's allow-list. */
export async function EmbedRefused({ code }: { code: string | null }) {
  const t = await getT();
  return (
    <main id="main" className="page stack" data-testid="embed-refused">
      <h1>{t("shell.embed.notAllowed")}</h1>
      <p className="muted">{t("shell.embed.notAllowedHint")}</p>
      {code && (
        <a href={`/m/${code}`} target="_blank" rel="noopener noreferrer">
          {t("shell.embed.openInParley")}
        </a>
      )}
    </main>
  );
}

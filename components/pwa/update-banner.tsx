"use client";

import { useT } from "@/components/i18n/i18n-provider";

/** "A new version is available": the person picks the moment, so a meeting is never reloaded under them. */
export function UpdateBanner({ onReload, onLater }: { onReload: () => void; onLater: () => void }) {
  const t = useT();
  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      <span>{t("shell.pwa.updateReady")}</span>
      <button type="button" className="btn btn-primary" onClick={onReload}>
        {t("shell.pwa.reload")}
      </button>
      <button type="button" className="btn" onClick={onLater}>
        {t("shell.pwa.later")}
      </button>
    </div>
  );
}

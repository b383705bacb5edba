"use client";

import { useSyncExternalStore } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { LocalTime } from "@/components/ui/local-time";
import { localStorageOrNull } from "@/lib/local-storage";
import { OFFLINE_MEETINGS_KEY, parseSnapshot } from "@/lib/pwa/offline-meetings";

const subscribe = (onChange: () => void) => {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
};
const read = () => localStorageOrNull()?.getItem(OFFLINE_MEETINGS_KEY) ?? null;

/** The upcoming meetings saved by the dashboard on its last visit, and a way back online. */
export function OfflineMeetings() {
  const t = useT();
  const raw = useSyncExternalStore(subscribe, read, () => null);
  const snapshot = parseSnapshot(raw);
  return (
    <>
      {snapshot && snapshot.meetings.length > 0 ? (
        <>
          <p className="muted">
            {t("shell.offline.savedAt")} <LocalTime iso={snapshot.savedAt} />
          </p>
          <ul className="stack" style={{ listStyle: "none", padding: 0 }} data-testid="offline-meetings">
            {snapshot.meetings.map((m) => (
              <li key={m.code} className="card stack" style={{ gap: 4 }}>
                <strong>{m.title}</strong>
                <span className="muted">
                  {m.code} · {m.scheduledStart ? <LocalTime iso={m.scheduledStart} /> : t("dashboard.instant")}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{t("shell.offline.none")}</p>
      )}
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          {t("shell.offline.retry")}
        </button>
      </div>
    </>
  );
}

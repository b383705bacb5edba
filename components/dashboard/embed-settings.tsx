"use client";

import { useId, useState, useSyncExternalStore, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";

type Props = { code: string; origins: string[] };
const noSubscribe = () => () => {};
type Status = { kind: "idle" } | { kind: "saving" } | { kind: "saved" } | { kind: "error"; message: string };

/** The host's per-meeting allow-list of embedding sites, and the snippet to paste on them. */
export function EmbedSettings({ code, origins: initial }: Props) {
  const t = useT();
  const id = useId();
  const [origins, setOrigins] = useState(initial.join("\n"));
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus({ kind: "saving" });
    const list = origins.split(/\s+/).filter(Boolean);
    try {
      const response = await fetch(`/api/meetings/${code}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ settings: { embedOrigins: list } }),
      });
      const data = await response.json().catch(() => null);
      if (!response.ok) {
        const fields = data?.error?.fields ? Object.values(data.error.fields as Record<string, string[]>).flat().join(" ") : "";
        return setStatus({ kind: "error", message: fields || data?.error?.message || t("common.error") });
      }
      setOrigins((data.meeting?.settings?.embedOrigins ?? list).join("\n"));
      setStatus({ kind: "saved" });
    } catch {
      setStatus({ kind: "error", message: t("common.error") });
    }
  }

  const appOrigin = useSyncExternalStore(noSubscribe, () => window.location.origin, () => "");
  const snippet = `<div id="parley-meeting" style="height: 600px"></div>
<script src="${appOrigin}/sdk/parley-embed.js"></script>
<script>
  const meeting = new Parley.ParleyEmbed({
    url: "${appOrigin}/embed/${code}",
    container: document.getElementById("parley-meeting"),
  });
  meeting.on("joined", (e) => console.log("joined as", e.participant.name));
</script>`;

  return (
    <details className="embed-settings" data-testid="embed-settings">
      <summary>{t("shell.embed.settings")}</summary>
      <form onSubmit={onSubmit} className="stack" noValidate>
        <label className="field" htmlFor={`${id}-origins`}>
          {t("shell.embed.originsLabel")}
        </label>
        <textarea
          id={`${id}-origins`}
          className="textarea"
          rows={3}
          value={origins}
          onChange={(e) => setOrigins(e.target.value)}
          aria-describedby={`${id}-hint ${id}-status`}
          aria-invalid={status.kind === "error"}
          spellCheck={false}
        />
        <p id={`${id}-hint`} className="muted">
          {t("shell.embed.originsHint")}
        </p>
        <div className="row">
          <button className="btn" type="submit" disabled={status.kind === "saving"}>
            {status.kind === "saving" ? t("shell.embed.saving") : t("shell.embed.save")}
          </button>
          <span id={`${id}-status`} role="status" className={status.kind === "error" ? "field-error" : "muted"}>
            {status.kind === "saved" ? t("shell.embed.saved") : status.kind === "error" ? status.message : ""}
          </span>
        </div>
        <p className="muted">{t("shell.embed.snippet")}</p>
        <pre className="snippet">
          <code>{snippet}</code>
        </pre>
      </form>
    </details>
  );
}

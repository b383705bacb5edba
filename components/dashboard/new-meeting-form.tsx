"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { generatePassphrase, hashWithPassphrase } from "@/lib/e2ee";
import { rememberMeetingPassphrase } from "@/lib/e2ee/remembered";

type ApiError = { error?: { message?: string; fields?: Record<string, string[]> } };

/** Instant meeting → straight to its pre-join page; scheduled → back to the list. */
export function NewMeetingForm() {
  const t = useT();
  const router = useRouter();
  const [scheduled, setScheduled] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const title = String(form.get("title") ?? "").trim();
    const startsAt = String(form.get("startsAt") ?? "");
    const e2ee = form.get("e2ee") === "on";
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/meetings", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          ...(title ? { title } : {}),
          // datetime-local has no zone: interpret it in the user's own time zone.
          scheduledStart: scheduled && startsAt ? new Date(startsAt).toISOString() : null,
          ...(e2ee ? { settings: { e2ee: true } } : {}),
        }),
      });
      const data = (await response.json()) as ApiError & { meeting?: { code: string } };
      if (!response.ok || !data.meeting) {
        const fields = data.error?.fields ? Object.values(data.error.fields).flat().join(" ") : "";
        setError([data.error?.message ?? t("common.error"), fields].filter(Boolean).join(" "));
        return;
      }
      // The passphrase is made here and kept on this device (for the invite link); the server never gets it.
      const hash = e2ee ? hashWithPassphrase(rememberMeetingPassphrase(data.meeting.code, generatePassphrase(), "device")) : "";
      if (scheduled) router.refresh();
      else router.push(`/m/${data.meeting.code}${hash}`);
    } catch {
      setError(t("common.error"));
    } finally {
      setPending(false);
    }
  }

  return (
    <form id="new-meeting" onSubmit={onSubmit} className="card stack" aria-labelledby="new-meeting-heading">
      <h2 id="new-meeting-heading">{t("dashboard.newMeeting")}</h2>
      <div className="row" role="radiogroup">
        <label>
          <input type="radio" name="kind" checked={!scheduled} onChange={() => setScheduled(false)} /> {t("dashboard.instantMeeting")}
        </label>
        <label>
          <input type="radio" name="kind" checked={scheduled} onChange={() => setScheduled(true)} /> {t("dashboard.scheduleMeeting")}
        </label>
      </div>
      <label className="field">
        {t("dashboard.meetingTitle")}
        <input name="title" maxLength={120} placeholder={t("dashboard.meetingTitlePlaceholder")} />
      </label>
      {scheduled && (
        <label className="field">
          {t("dashboard.startsAt")}
          <input name="startsAt" type="datetime-local" required />
        </label>
      )}
      <label className="row">
        <input type="checkbox" name="e2ee" aria-describedby="e2ee-hint" /> {t("dashboard.e2eeOption")}
      </label>
      <p id="e2ee-hint" className="muted">
        {t("dashboard.e2eeHint")}
      </p>
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
      <button className="btn btn-primary" type="submit" disabled={pending}>
        {pending ? t("dashboard.creating") : t("dashboard.create")}
      </button>
    </form>
  );
}

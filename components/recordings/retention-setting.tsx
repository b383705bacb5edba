"use client";

import { useId, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { failureText } from "@/components/meeting/failure-text";
import { callJson } from "@/lib/meetings/meeting-api";
import { z } from "zod";

const CHOICES = [null, 7, 30, 90, 365] as const;

/** The host's "keep recordings of this meeting" setting; the retention job deletes them when it runs out. */
export function RetentionSetting({ code, days }: { code: string; days: number | null }) {
  const t = useT();
  const id = useId();
  const [value, setValue] = useState<number | null>(days);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const choices = CHOICES.includes(days as (typeof CHOICES)[number]) ? CHOICES : [...CHOICES, days];
  const label = (d: number | null) => (d === null ? t("recordings.retentionForever") : t("recordings.retentionDays", { days: d }));

  async function change(next: number | null) {
    const previous = value;
    setValue(next);
    const result = await callJson(
      `/api/meetings/${encodeURIComponent(code)}`,
      { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ settings: { recordingRetentionDays: next } }) },
      z.unknown(),
      fetch,
    );
    if (result.ok) setMessage({ text: t("recordings.retentionSaved", { value: label(next) }), error: false });
    else {
      setValue(previous);
      setMessage({ text: failureText(t, result), error: true });
    }
  }

  return (
    <div className="field">
      <label htmlFor={id}>{t("recordings.retention")}</label>
      <select id={id} className="select-compact" value={value ?? ""} onChange={(e) => void change(e.target.value === "" ? null : Number(e.target.value))}>
        {choices.map((d) => (
          <option key={d ?? "forever"} value={d ?? ""}>
            {label(d)}
          </option>
        ))}
      </select>
      <p role="status" className={message?.error ? "field-error" : "muted"}>
        {message?.text}
      </p>
    </div>
  );
}

"use client";

import { useT } from "@/components/i18n/i18n-provider";
import { ControlButton } from "../room/control-button";
import type { Captions } from "./use-captions-state";

/** "CC": turns captions on for the room, then shows or hides them for you (Meet's button). */
export function CaptionsButton({ captions }: { captions: Captions }) {
  const t = useT();
  const label = !captions.on ? t("captions.turnOn") : captions.shown ? t("captions.hide") : t("captions.show");
  return (
    <ControlButton
      icon="captions"
      label={label}
      tone={captions.on && captions.shown ? "active" : "default"}
      aria-pressed={captions.on && captions.shown}
      data-testid="captions-button"
      onClick={() => (captions.on ? captions.setShown(!captions.shown) : void captions.turnOn())}
    />
  );
}

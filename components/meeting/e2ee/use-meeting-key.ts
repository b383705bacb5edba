import { useCallback, useEffect, useState } from "react";
import { deriveMeetingKeys, hashWithPassphrase, isUsablePassphrase, normalizePassphrase, readPassphraseFromHash, type MeetingKeys } from "@/lib/e2ee";
import { rememberMeetingPassphrase, rememberedPassphrase } from "@/lib/e2ee/remembered";

export type MeetingKey = { passphrase: string; keys: MeetingKeys };
export type MeetingKeyState = { status: "reading" } | { status: "missing" } | { status: "deriving" } | { status: "ready"; key: MeetingKey };

/**
 * The passphrase of an end-to-end encrypted meeting: from the link's #key= fragment (browsers never
 * send fragments to servers) or typed by the person. Entering it puts it in the fragment, so a
 * reload keeps it without it ever leaving this browser. Derivation takes a moment (PBKDF2).
 */
export function useMeetingKey(code: string, enabled: boolean) {
  const [state, setState] = useState<MeetingKeyState>({ status: enabled ? "reading" : "missing" });

  const use = useCallback(
    async (raw: string) => {
      const passphrase = normalizePassphrase(raw);
      if (!isUsablePassphrase(passphrase)) return false;
      setState({ status: "deriving" });
      const keys = await deriveMeetingKeys(passphrase, code);
      const url = new URL(window.location.href);
      url.hash = hashWithPassphrase(passphrase);
      window.history.replaceState(window.history.state, "", url);
      rememberMeetingPassphrase(code, passphrase);
      setState({ status: "ready", key: { passphrase, keys } });
      return true;
    },
    [code],
  );

  useEffect(() => {
    if (!enabled) return;
    const fromLink = readPassphraseFromHash(window.location.hash) ?? rememberedPassphrase(code);
    if (fromLink) void use(fromLink);
    else setState({ status: "missing" });
  }, [enabled, use]);

  return { state, use };
}

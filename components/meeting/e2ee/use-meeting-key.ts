import { useCallback, useEffect, useState } from "react";
import { deriveMeetingKeys, isUsablePassphrase, normalizePassphrase, type MeetingKeys } from "@/lib/e2ee";
import { rememberMeetingPassphrase, rememberedPassphrase, takePassphraseFromAddressBar, type RememberScope } from "@/lib/e2ee/remembered";

export type MeetingKey = { passphrase: string; keys: MeetingKeys };
export type MeetingKeyState = { status: "reading" } | { status: "missing" } | { status: "deriving" } | { status: "ready"; key: MeetingKey };

/**
 * The passphrase of an end-to-end encrypted meeting: from the link's #key= fragment (browsers never
 * send fragments to servers), remembered, or typed by the person. It is taken out of the address
 * bar at once and remembered instead (`scope`: this device for signed-in people, this tab for
 * guests), so a reload keeps it without it lingering in the URL. Derivation takes a moment (PBKDF2).
 */
export function useMeetingKey(code: string, enabled: boolean, scope: RememberScope) {
  const [state, setState] = useState<MeetingKeyState>({ status: enabled ? "reading" : "missing" });

  const use = useCallback(
    async (raw: string) => {
      const passphrase = normalizePassphrase(raw);
      if (!isUsablePassphrase(passphrase)) return false;
      // Remembered before the slow derivation, so a reload meanwhile does not lose it.
      rememberMeetingPassphrase(code, passphrase, scope);
      setState({ status: "deriving" });
      const keys = await deriveMeetingKeys(passphrase, code);
      setState({ status: "ready", key: { passphrase, keys } });
      return true;
    },
    [code, scope],
  );

  useEffect(() => {
    if (!enabled) return;
    // A fresh link wins over what this browser remembers (the host may have sent a new one).
    const known = takePassphraseFromAddressBar() ?? rememberedPassphrase(code);
    if (known) void use(known);
    else setState({ status: "missing" });
  }, [enabled, code, use]);

  return { state, use };
}

import { useCallback, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { postControl, type ControlAction } from "@/lib/meetings/meeting-api";
import { failureText } from "../failure-text";
import { useMeeting } from "./meeting-context";

/**
 * Sends one host control. The result shows up through LiveKit (a track muted, metadata changed,
 * someone gone), so success needs no message; a refusal is shown with the server's reason.
 */
export function useHostControl() {
  const t = useT();
  const { code, notify } = useMeeting();
  const [pending, setPending] = useState(false);

  const run = useCallback(
    async (action: ControlAction): Promise<boolean> => {
      setPending(true);
      try {
        const result = await postControl(code, action);
        if (!result.ok) {
          console.warn(`[room] control "${action.action}" refused`, result);
          notify(failureText(t, result), "error");
        }
        return result.ok;
      } finally {
        setPending(false);
      }
    },
    [code, notify, t],
  );

  return { run, pending };
}

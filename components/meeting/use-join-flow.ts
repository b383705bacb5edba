import { useCallback, useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { KNOCK_POLL_MS, getKnockStatus, isLobbyRefusal, knock, requestToken, type ApiFailure, type TokenGrant } from "@/lib/meetings/meeting-api";
import { failureText } from "./failure-text";
import type { JoinChoices } from "./prejoin/pre-join";

export type Joined = TokenGrant & { choices: JoinChoices };

export type JoinState =
  | { kind: "ready"; notice?: "left" | "denied" }
  | { kind: "joining" }
  | { kind: "waiting"; choices: JoinChoices }
  | { kind: "joined"; joined: Joined };

/** A poll worth repeating: no answer, rate limited, or a server hiccup. Any other 4xx will not change. */
const isTransient = (failure: ApiFailure) => failure.code === "network" || failure.status === 429 || failure.status >= 500 || failure.code === "invalid_response";

/**
 * pre-join → token → room, with the lobby in between when the token route says so:
 * knock, poll every 2 s, and on "admitted" ask for the token again with the same choices.
 */
export type JoinFlow = ReturnType<typeof useJoinFlow>;

export function useJoinFlow(code: string) {
  const t = useT();
  const [state, setState] = useState<JoinState>({ kind: "ready" });
  const [error, setError] = useState<string | undefined>();

  const fail = useCallback(
    (failure: ApiFailure) => {
      console.warn("[join] refused", failure);
      setError(t("meeting.tokenFailed", { reason: failureText(t, failure) }));
      setState({ kind: "ready" });
    },
    [t],
  );

  const enterLobby = useCallback(
    async (choices: JoinChoices, admitted: () => void) => {
      const knocked = await knock(code);
      if (!knocked.ok) return fail(knocked);
      if (knocked.data.status === "admitted") return admitted();
      if (knocked.data.status === "denied") return setState({ kind: "ready", notice: "denied" });
      setState({ kind: "waiting", choices });
    },
    [code, fail],
  );

  /** `afterAdmission`: we were just let in, so a second lobby answer is an error, not a reason to knock again. */
  const join = useCallback(
    async (choices: JoinChoices, afterAdmission = false): Promise<void> => {
      setState({ kind: "joining" });
      setError(undefined);
      const result = await requestToken(code);
      if (result.ok) return setState({ kind: "joined", joined: { ...result.data, choices } });
      if (isLobbyRefusal(result) && !afterAdmission) return enterLobby(choices, () => void join(choices, true));
      fail(result);
    },
    [code, enterLobby, fail],
  );

  // While waiting: ask every 2 s whether a host decided. The effect's cleanup stops it (Cancel, unmount).
  const joinRef = useRef(join);
  useEffect(() => {
    joinRef.current = join;
  }, [join]);
  const waitingChoices = state.kind === "waiting" ? state.choices : null;
  useEffect(() => {
    if (!waitingChoices) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const result = await getKnockStatus(code, controller.signal);
      if (controller.signal.aborted) return;
      if (result.ok) {
        const { status } = result.data;
        if (status === "admitted") return void joinRef.current(waitingChoices, true);
        if (status === "denied") return setState({ kind: "ready", notice: "denied" });
        if (status === "none") {
          // Our knock is not on record any more; knock again rather than wait for nothing.
          const again = await knock(code);
          if (controller.signal.aborted) return;
          if (!again.ok && !isTransient(again)) return fail(again);
        }
      } else if (!isTransient(result)) {
        return fail(result);
      } else {
        console.warn("[join] could not check the knock; trying again", result);
      }
      timer = setTimeout(poll, KNOCK_POLL_MS);
    };
    timer = setTimeout(poll, KNOCK_POLL_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [code, waitingChoices, fail]);

  return {
    state,
    error,
    join: (choices: JoinChoices) => void join(choices),
    cancelWaiting: () => setState({ kind: "ready" }),
    left: () => setState({ kind: "ready", notice: "left" }),
  };
}

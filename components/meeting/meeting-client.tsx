"use client";

import { useState } from "react";
import { GuestNameForm } from "./guest-name-form";
import { MeetingStages } from "./meeting-stages";
import { useJoinFlow } from "./use-join-flow";

type Props = {
  code: string;
  title: string;
  /** Null when the visitor has neither a session nor a guest identity for this meeting. */
  caller: { name: string; canPublish: boolean } | null;
  signInHref: string;
  e2ee: boolean;
  /** Signed in (not a guest): an encrypted meeting's passphrase may stay on this device, for the dashboard's invite link. */
  signedIn: boolean;
};

/** guest name (if needed) → pre-join → (lobby) → room → left. */
export function MeetingClient({ code, title, caller: initialCaller, signInHref, e2ee, signedIn }: Props) {
  const [caller, setCaller] = useState(initialCaller);
  const flow = useJoinFlow(code);
  return (
    <MeetingStages
      code={code}
      title={title}
      flow={flow}
      caller={caller}
      e2ee={e2ee}
      rememberScope={signedIn ? "device" : "tab"}
      guestForm={<GuestNameForm code={code} signInHref={signInHref} onJoined={(g) => setCaller({ name: g.displayName, canPublish: g.canPublish })} />}
    />
  );
}

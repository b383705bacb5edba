import { createContext, useContext } from "react";
import type { MeetingKey } from "./use-meeting-key";

/** The meeting's key in an end-to-end encrypted room (chat and recordings use it); null otherwise. */
export const MeetingKeyContext = createContext<MeetingKey | null>(null);

export function useMeetingKeyContext(): MeetingKey | null {
  return useContext(MeetingKeyContext);
}

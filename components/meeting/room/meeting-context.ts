import { createContext, useContext } from "react";
import type { Role } from "@/lib/meetings/permissions";
import type { RoomSettings } from "@/lib/meetings/room-settings";
import type { ToastTone } from "./use-toasts";

/** What the room's controls share: the meeting, your current role, its settings and a way to tell you things. */
export type MeetingContextValue = {
  code: string;
  /** Follows promotions and demotions (participant metadata), not just the role in the token. */
  role: Role;
  settings: RoomSettings;
  notify: (text: string, tone?: ToastTone) => void;
};

export const MeetingContext = createContext<MeetingContextValue | null>(null);

export function useMeeting(): MeetingContextValue {
  const value = useContext(MeetingContext);
  if (!value) throw new Error("useMeeting() needs <MeetingContext.Provider> above it");
  return value;
}

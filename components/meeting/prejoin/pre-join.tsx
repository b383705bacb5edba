"use client";

import { useSyncExternalStore } from "react";
import styles from "../meeting.module.css";
import { PrejoinForm } from "./prejoin-form";

export type JoinChoices = {
  audioEnabled: boolean;
  videoEnabled: boolean;
  audioDeviceId?: string;
  videoDeviceId?: string;
  /** Speaker, where the browser can choose one (setSinkId). */
  audioOutputDeviceId?: string;
};

export type PreJoinProps = {
  displayName: string;
  canPublish: boolean;
  joining: boolean;
  error?: string;
  onJoin: (choices: JoinChoices) => void;
};

const subscribe = () => () => {};

/**
 * The form reads saved choices from localStorage and opens devices, neither of which exists on
 * the server; rendering it only in the browser avoids a hydration mismatch on the toggles.
 */
export function PreJoin(props: PreJoinProps) {
  const inBrowser = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return inBrowser ? <PrejoinForm {...props} /> : <section className={styles.prejoin} aria-busy="true" />;
}

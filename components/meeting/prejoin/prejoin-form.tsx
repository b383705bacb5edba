"use client";

import { useState } from "react";
import { usePersistentUserChoices } from "@livekit/components-react";
import { localStorageOrNull } from "@/lib/local-storage";
import { supportsAudioOutputSelection } from "livekit-client";
import { useT } from "@/components/i18n/i18n-provider";
import styles from "../meeting.module.css";
import { mediaFailureKey } from "../room/media-notice";
import { DeviceSelect } from "./device-select";
import { NoiseSuppressionSwitch } from "./noise-suppression-switch";
import { PrejoinPreview } from "./prejoin-preview";
import type { JoinChoices, PreJoinProps } from "./pre-join";
import { useMicLevel } from "./use-mic-level";
import { usePreviewTrack } from "./use-preview-track";

// livekit's stored choices use "default" for "no explicit device".
const explicit = (deviceId: string | undefined) => (deviceId && deviceId !== "default" ? deviceId : undefined);

/** Camera preview, mic meter, device pickers and the Join button. Remembers choices between visits. */
export function PrejoinForm({ displayName, canPublish, joining, error, onJoin }: PreJoinProps) {
  const t = useT();
  // View-only guests never touch devices, so nothing of theirs is read or saved.
  // Nor where the browser refuses storage (an embed in a site that blocks third-party storage).
  const [storable] = useState(() => localStorageOrNull() !== null);
  const { userChoices, saveAudioInputEnabled, saveVideoInputEnabled, saveAudioInputDeviceId, saveVideoInputDeviceId } = usePersistentUserChoices({
    preventSave: !canPublish || !storable,
    preventLoad: !canPublish || !storable,
  });
  const [speakerId, setSpeakerId] = useState<string>();
  // Bumped to re-open a device that failed (e.g. after the person unblocked it in site settings).
  const [micAttempt, setMicAttempt] = useState(0);
  const [cameraAttempt, setCameraAttempt] = useState(0);

  const micWanted = canPublish && userChoices.audioEnabled;
  const cameraWanted = canPublish && userChoices.videoEnabled;
  const audioDeviceId = explicit(userChoices.audioDeviceId);
  const videoDeviceId = explicit(userChoices.videoDeviceId);
  const mic = usePreviewTrack("audioinput", { enabled: micWanted, deviceId: audioDeviceId, attempt: micAttempt });
  const camera = usePreviewTrack("videoinput", { enabled: cameraWanted, deviceId: videoDeviceId, attempt: cameraAttempt });
  const micLevel = useMicLevel(mic.track);

  // Device names need permission; once granted for a kind it stays granted for this page.
  const [granted, setGranted] = useState({ mic: false, camera: false });
  if ((mic.track && !granted.mic) || (camera.track && !granted.camera)) {
    setGranted({ mic: granted.mic || !!mic.track, camera: granted.camera || !!camera.track });
  }

  const micOn = micWanted && !mic.failure;
  const cameraOn = cameraWanted && !camera.failure;

  function toggleMic() {
    if (mic.failure) setMicAttempt((n) => n + 1);
    else saveAudioInputEnabled(!userChoices.audioEnabled);
  }
  function toggleCamera() {
    if (camera.failure) setCameraAttempt((n) => n + 1);
    else saveVideoInputEnabled(!userChoices.videoEnabled);
  }

  function join() {
    // A device that failed joins switched off, so the room does not hit the same error again.
    const choices: JoinChoices = {
      audioEnabled: micOn,
      videoEnabled: cameraOn,
      audioDeviceId: canPublish ? audioDeviceId : undefined,
      videoDeviceId: canPublish ? videoDeviceId : undefined,
      audioOutputDeviceId: speakerId,
    };
    onJoin(choices);
  }

  const problems = [
    mic.failure && t(mediaFailureKey("microphone", mic.failure)),
    camera.failure && t(mediaFailureKey("camera", camera.failure)),
  ].filter((problem): problem is string => !!problem);

  return (
    <section className={styles.prejoin}>
      <div className={styles.prejoinPreviewColumn}>
        <PrejoinPreview
          displayName={displayName}
          videoTrack={camera.track}
          videoStarting={camera.starting}
          micLevel={micLevel}
          toggles={canPublish ? { micOn, cameraOn, onToggleMic: toggleMic, onToggleCamera: toggleCamera } : undefined}
        />
        {problems.length > 0 && (
          <div className={styles.notice} role="alert">
            {problems.map((problem) => (
              <p key={problem}>{problem}</p>
            ))}
            <p>{t("meeting.prejoin.canStillJoin")}</p>
          </div>
        )}
      </div>

      <div className={styles.prejoinSide}>
        <h2 className={styles.prejoinTitle}>{t("meeting.prejoin.title")}</h2>
        <p className={styles.muted}>{t("meeting.prejoin.joiningAs", { name: displayName })}</p>
        {canPublish ? (
          <div className={styles.deviceFields}>
            <DeviceSelect kind="audioinput" value={audioDeviceId} onChange={saveAudioInputDeviceId} requestPermissions={granted.mic} />
            <DeviceSelect kind="videoinput" value={videoDeviceId} onChange={saveVideoInputDeviceId} requestPermissions={granted.camera} />
            {supportsAudioOutputSelection() && <DeviceSelect kind="audiooutput" value={speakerId} onChange={setSpeakerId} requestPermissions={granted.mic} />}
            <NoiseSuppressionSwitch />
          </div>
        ) : (
          <p className={styles.notice}>{t("meeting.prejoin.viewOnly")}</p>
        )}
        {error && (
          <p className={styles.errorText} role="alert">
            {error}
          </p>
        )}
        <button type="button" className={styles.primaryButton} onClick={join} disabled={joining}>
          {joining ? t("meeting.joining") : t("meeting.join")}
        </button>
      </div>
    </section>
  );
}

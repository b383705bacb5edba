"use client";

import type { TrackReference, TrackReferenceOrPlaceholder } from "@livekit/components-react";
import { useT } from "@/components/i18n/i18n-provider";
import styles from "../meeting.module.css";
import { VideoTile, tileKey } from "./video-tile";

/** A shared screen on the big stage; everyone's cameras (and any other screens) in a strip beside or below it. */
export function ScreenShareLayout({ stage, strip }: { stage: TrackReference; strip: TrackReferenceOrPlaceholder[] }) {
  const t = useT();
  const presenter = stage.participant;
  const caption = presenter.isLocal ? t("meeting.room.youArePresenting") : t("meeting.room.presenting", { name: presenter.name || presenter.identity });

  return (
    <div className={styles.presentation}>
      <section className={styles.presentationStage} aria-label={t("meeting.room.presentation")}>
        <p className={styles.presentationCaption}>{caption}</p>
        <VideoTile trackRef={stage} className={styles.stageTile} />
      </section>
      <section className={styles.strip} aria-label={t("meeting.room.videos")}>
        {strip.map((trackRef) => (
          <VideoTile key={tileKey(trackRef)} trackRef={trackRef} className={styles.stripTile} />
        ))}
      </section>
    </div>
  );
}

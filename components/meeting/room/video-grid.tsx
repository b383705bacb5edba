"use client";

import { useState, type CSSProperties } from "react";
import type { TrackReferenceOrPlaceholder } from "@livekit/components-react";
import { useT } from "@/components/i18n/i18n-provider";
import { gridShape, pageSizeFor, paginate } from "@/lib/meetings/grid-layout";
import styles from "../meeting.module.css";
import { Icon } from "./icons";
import { useNarrowScreen } from "./use-narrow-screen";
import { VideoTile, tileKey } from "./video-tile";

/** Up to 9 tiles a page (4 on a phone), in a grid that fits the count; page buttons when there are more. */
export function VideoGrid({ tiles }: { tiles: TrackReferenceOrPlaceholder[] }) {
  const t = useT();
  const narrow = useNarrowScreen();
  const [requestedPage, setRequestedPage] = useState(0);
  const { items, page, pageCount } = paginate(tiles, requestedPage, pageSizeFor(narrow));
  const { columns, rows } = gridShape(items.length, narrow);

  return (
    <section className={styles.gridArea} aria-label={t("meeting.room.videos")}>
      <div className={styles.grid} style={{ "--columns": columns, "--rows": rows } as CSSProperties}>
        {items.map((trackRef) => (
          <VideoTile key={tileKey(trackRef)} trackRef={trackRef} />
        ))}
      </div>
      {pageCount > 1 && (
        <nav className={styles.pager} aria-label={t("meeting.room.pagination")}>
          <button type="button" className={styles.iconButton} disabled={page === 0} onClick={() => setRequestedPage(page - 1)}>
            <Icon name="chevronLeft" />
            <span className={styles.srOnly}>{t("meeting.room.previousPage")}</span>
          </button>
          <span className={styles.pagerText} aria-live="polite">
            {t("meeting.room.goToPage", { page: page + 1, count: pageCount })}
          </span>
          <button type="button" className={styles.iconButton} disabled={page === pageCount - 1} onClick={() => setRequestedPage(page + 1)}>
            <Icon name="chevronRight" />
            <span className={styles.srOnly}>{t("meeting.room.nextPage")}</span>
          </button>
        </nav>
      )}
    </section>
  );
}

import { memo, useRef, type PointerEvent, type WheelEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItem, RecordingListView } from '../../../preload/api';
import type { Failure } from '../../state/failure';
import { FailureText } from '../../ui/FailureText';
import { formatClock, formatDateTime } from '../../ui/formatTime';
import { activeLevel, activityBins } from './activity';
import { dayBoundaries, fractionOf, ticks, timeAt, type Window } from './timelineScale';

/** Slices of the activity strip across a row. */
const ACTIVITY_BINS = 160;

export interface TimelineRowData {
  key: string;
  label: string;
  /** The camera's lists, or several cameras' for the wall's row (spans merged, activity the highest). */
  lists: readonly RecordingListView[];
  evidence: readonly EvidenceItem[];
  /** Why this camera's recordings could not be listed (said under the timeline), or null. */
  failure: Failure | null;
}

interface Props {
  window: Window;
  rows: readonly TimelineRowData[];
  position: number | null;
  selection: { from: number; to: number } | null;
  now: number;
  onSeek(ms: number): void;
  onSelect(from: number, to: number): void;
  onZoom(step: -1 | 1, at: number): void;
}

const pct = (fraction: number) => `${Math.max(0, Math.min(1, fraction)) * 100}%`;

/**
 * The timelines of the cameras in playback and of the wall: recorded spans, gaps with their
 * reasons on hover, the activity strip, evidence locks, snapshots and clips, day boundaries and
 * "now". Click or drag to seek; Shift+drag selects a range; the wheel zooms.
 */
export function Timeline({ window, rows, position, selection, now, onSeek, onSelect, onZoom }: Props) {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);
  const drag = useRef<{ from: number; select: boolean } | null>(null);
  const timeOf = (event: { clientX: number }) => {
    const box = area.current!.getBoundingClientRect();
    return timeAt((event.clientX - box.left) / box.width, window);
  };
  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const at = timeOf(event);
    drag.current = { from: at, select: event.shiftKey };
    if (!event.shiftKey) onSeek(at);
  };
  const onPointerMove = (event: PointerEvent) => {
    const current = drag.current;
    if (!current) return;
    if (current.select) onSelect(current.from, timeOf(event));
    else onSeek(timeOf(event));
  };
  const onPointerUp = () => (drag.current = null);
  const onWheel = (event: WheelEvent) => onZoom(event.deltaY < 0 ? -1 : 1, timeOf(event));

  const { times } = ticks(window);
  return (
    <div className="timeline" data-testid="timeline" data-from={Math.round(window.from)} data-to={Math.round(window.to)}>
      <div className="tl-labels">
        <span className="tl-head" />
        {rows.map((row) => (
          <span key={row.key} className="tl-label" title={row.label}>
            {row.label}
          </span>
        ))}
      </div>
      <div ref={area} className="tl-area" onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onWheel={onWheel}>
        <div className="tl-ticks">
          {times.map((time) => (
            <span key={time} className="tl-tick" style={{ left: pct(fractionOf(time, window)) }}>
              {window.to - window.from > 2 * 86_400_000 ? formatDateTime(time).split(' ')[0] : formatClock(time)}
            </span>
          ))}
        </div>
        {rows.map((row) => (
          <TimelineRow key={row.key} row={row} window={window} />
        ))}
        {dayBoundaries(window).map((day) => (
          <span key={day} className="tl-day" style={{ left: pct(fractionOf(day, window)) }} title={formatDateTime(day)}>
            {new Date(day).toLocaleDateString()}
          </span>
        ))}
        {now <= window.to && <span className="tl-now" data-testid="tl-now" style={{ left: pct(fractionOf(now, window)) }} title={t('playback.now')} />}
        {selection && (
          <span
            className="tl-selection"
            data-testid="tl-selection"
            style={{ left: pct(fractionOf(selection.from, window)), width: pct(fractionOf(selection.to, window) - fractionOf(selection.from, window)) }}
          />
        )}
        {position !== null && <span className="tl-cursor" data-testid="tl-cursor" style={{ left: pct(fractionOf(position, window)) }} />}
      </div>
      {rows.some((row) => row.failure) && (
        // Under the timeline, not on its row: a click on the details must not seek.
        <ul className="tl-problems">
          {rows.filter((row) => row.failure).map((row) => (
            <li key={row.key} data-testid="tl-problem" data-row={row.key}>
              {row.label}: <FailureText lead={t('playback.timelineFailed')} failure={row.failure!} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * One row, drawn again only when its lists or the window change: the cursor moves several times a
 * second while playing and would otherwise rebuild every row's spans and activity strip each time.
 */
const TimelineRow = memo(TimelineRowView, (a, b) => a.row === b.row && a.window.from === b.window.from && a.window.to === b.window.to);

function TimelineRowView({ row, window }: { row: TimelineRowData; window: Window }) {
  const { t } = useTranslation();
  const inWindow = (from: number, to: number) => to > window.from && from < window.to;
  const place = (from: number, to: number) => ({ left: pct(fractionOf(from, window)), width: pct(fractionOf(to, window) - fractionOf(Math.max(from, window.from), window)) });
  const segments = row.lists.flatMap((l) => l.segments);
  const bins = activityBins(segments, window.from, window.to, ACTIVITY_BINS);
  const level = activeLevel(segments);
  const top = Math.max(1, ...bins);
  return (
    <div className="tl-row" data-testid="tl-row" data-row={row.key} data-failed={row.failure ? true : undefined}>
      {segments.filter((s) => inWindow(s.startedAt, s.endedAt)).map((s) => (
        // Another recorder's spans have no file of ours: their start tells them apart.
        <span key={s.file || s.startedAt} className="tl-span" data-testid="tl-span" style={place(s.startedAt, s.endedAt)} />
      ))}
      <svg className="tl-activity" viewBox={`0 0 ${ACTIVITY_BINS} 10`} preserveAspectRatio="none" aria-label={t('playback.activity')}>
        {bins.map((rate, i) =>
          rate > 0 ? <rect key={i} x={i} width={1} y={10 - (rate / top) * 10} height={(rate / top) * 10} className={level !== null && rate >= level ? 'tl-busy' : 'tl-calm'} /> : null,
        )}
      </svg>
      {row.lists.flatMap((l) => l.gaps).filter((g) => inWindow(g.from, g.to)).map((g) => (
        <span
          key={`gap-${g.from}`}
          className="tl-gap"
          data-testid="tl-gap"
          style={place(g.from, g.to)}
          title={`${t(`playback.gapReason.${g.reason}`)}\n${formatDateTime(g.from)} – ${formatDateTime(g.to)}`}
        />
      ))}
      {row.lists.flatMap((l) => l.locks).filter((l) => inWindow(l.from, l.to)).map((l) => (
        <span key={`lock-${l.id}`} className="tl-lock" style={place(l.from, l.to)} title={t('playback.lock', { reason: l.reason, by: l.by })} />
      ))}
      {row.evidence.map((item) => {
        const at = Date.parse(item.startedAt);
        if (!(at >= window.from && at <= window.to)) return null;
        return <span key={item.file} className={`tl-evidence tl-${item.kind}`} style={{ left: pct(fractionOf(at, window)) }} title={`${t(`playback.evidenceKind.${item.kind}`)} ${formatDateTime(at)}`} />;
      })}
    </div>
  );
}

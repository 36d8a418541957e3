import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile, Refusal } from '../../../preload/api';
import { useCamera, useStores, useStreamStatus, useTourView } from '../../state/hooks';
import { areaOf, hostLatencyMs, StillPicture, useBudget, useBudgetLevel, useBudgetReason, useBudgetSettings, type ProbedVideo, type StillFreshness, type TileFacts } from '../budget';
import { servedProfile } from '../../../preload/servedProfile';
import { chooseProfile, MAIN_STREAM_MIN_WIDTH } from '../../state/profile';
import { observeSize, observeVisibility } from '../../ui/observers';
import { usePageShown } from '../../ui/pageShown';
import { STATE_TONE } from '../../ui/streamTone';
import { PlaybackTileView, usePlaybackTile } from '../playback';
import { mseAvailable } from './mseEngine';
import { Player } from './Player';
import { keyframeStepFor, stillFromDecoder } from './playerEngine';
import { webCodecsAvailable } from './webcodecs/webCodecsEngine';
import { TileFrame, type TilePlace } from './TileFrame';
import { TileOverlay } from './TileOverlay';
import { lastPictureAt, shownState, tileStatus } from './tileState';

interface Props extends TilePlace {
  cameraId: string | null;
  pinnedMain: boolean;
}

export const Tile = memo(function Tile({ cameraId, ...props }: Props) {
  const { t } = useTranslation();
  const playback = usePlaybackTile(props.index);
  if (cameraId === null) {
    return (
      <TileFrame {...props} cameraId={null} state="empty">
        <p className="tile-empty">{t('wall.emptyTile')}</p>
      </TileFrame>
    );
  }
  // Recorded video instead of live: no live player runs for this tile meanwhile.
  if (playback?.cameraId === cameraId) {
    return (
      <TileFrame {...props} cameraId={cameraId} state="playback" tone="playback">
        <PlaybackTileView index={props.index} cameraId={cameraId} hidden={props.hidden} />
      </TileFrame>
    );
  }
  return <CameraTile cameraId={cameraId} {...props} />;
});

/** A tile showing a camera; re-renders when that camera's status changes, not for other tiles. */
function CameraTile({ cameraId, pinnedMain, ...place }: Props & { cameraId: string }) {
  const frame = useRef<HTMLDivElement>(null);
  const [wide, setWide] = useState(false);
  const [visible, setVisible] = useState(true);
  const [shown, setShown] = useState<Profile | null>(null);
  const [frozenSince, setFrozenSince] = useState<number | null>(null);
  const [caughtUp, setCaughtUp] = useState(0);
  const [hasPicture, setHasPicture] = useState(false);
  const [withheld, setWithheld] = useState<Refusal | null>(null);
  const [jpegStill, setJpegStill] = useState<StillFreshness | null>(null);
  const { wall } = useStores();
  const onGone = useCallback(() => wall.dropCameras(new Set([cameraId])), [wall, cameraId]);

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const offSize = observeSize(element, (width) => setWide(width >= MAIN_STREAM_MIN_WIDTH));
    const offVisible = observeVisibility(element, setVisible);
    return () => {
      offSize();
      offVisible();
    };
  }, []);

  const camera = useCamera(cameraId);
  const wanted = chooseProfile({ widthPx: wide ? MAIN_STREAM_MIN_WIDTH : 0, maximized: place.maximized, pinnedMain });
  const full = servedProfile(camera, wanted);

  // Decode budget: this tile's level (0 full, 1 sub stream, 2 keyframes only, 3 still picture).
  const budget = useBudget();
  const budgetKey = `${cameraId}@${place.index}`;
  const level = useBudgetLevel(budgetKey);
  const budgetReason = useBudgetReason(budgetKey);
  const budgetSettings = useBudgetSettings();
  const budgetPinned = budgetSettings.pinned.has(cameraId);
  const touring = useTourView().running !== null;
  const served = level >= 1 ? servedProfile(camera, 'sub') : full;
  const frontVideo = useRef<(() => ProbedVideo | null) | null>(null);
  const pageShown = usePageShown();
  const active = !place.hidden && visible && pageShown;
  const hostStatus = useStreamStatus(cameraId, shown ?? served);
  const status = useMemo(() => tileStatus(hostStatus), [hostStatus]);
  // H.265 passed through (MPEG-TS) to mpegts.js has no paced keyframe mode: such a tile steps to stills.
  const hasKeyframeStep = keyframeStepFor(budgetSettings.player, status?.codec === 'hevc', webCodecsAvailable(), mseAvailable());
  // Level 3 from the tile's own decoder where it can: the last frame it decoded, refreshed seldom.
  const decoderStill = stillFromDecoder(budgetSettings.player, webCodecsAvailable(), mseAvailable());
  const facts = useRef<TileFacts>(null!);
  facts.current = {
    key: budgetKey,
    maximized: place.maximized,
    selected: place.selected,
    area: areaOf(place.area),
    featured: touring,
    pinned: budgetPinned,
    hasSubStep: full === 'main' && servedProfile(camera, 'sub') === 'sub',
    hasKeyframeStep,
  };
  const sourceFps = useRef<number | null>(null);
  sourceFps.current = status?.fps ?? null;
  useEffect(() => {
    if (!active) return;
    return budget.register(budgetKey, { facts: () => facts.current, video: () => frontVideo.current?.() ?? null, sourceFps: () => sourceFps.current });
  }, [budget, budgetKey, active]);
  const { selected, maximized, area } = place;
  const hasSubStep = facts.current.hasSubStep;
  useEffect(() => budget.publish(), [budget, selected, maximized, area, budgetPinned, touring, hasSubStep, hasKeyframeStep]);
  useEffect(() => {
    if (frame.current) frame.current.dataset.budgetLevel = String(level);
  }, [level]);
  useEffect(() => {
    if (!frame.current) return;
    // Which figure stepped this tile, for whoever investigates a step (benches, tests, devtools).
    if (budgetReason === null) delete frame.current.dataset.budgetReason;
    else frame.current.dataset.budgetReason = budgetReason;
  }, [budgetReason]);

  // Main's JPEG instead of a player (level 3 on mpegts.js): the picture, and whether it stopped, are the still's.
  const showsJpeg = level === 3 && active && !decoderStill;
  const pictureFrozenSince = showsJpeg ? (jpegStill?.stale ? jpegStill.at : null) : frozenSince;
  const state = shownState(status, pictureFrozenSince, showsJpeg ? jpegStill !== null : hasPicture);
  const onCaughtUp = useCallback(() => setCaughtUp((n) => n + 1), []);
  const latencyMs = useCallback(() => hostLatencyMs(frontVideo.current?.() ?? null), []);

  return (
    <TileFrame
      {...place}
      frameRef={frame}
      cameraId={cameraId}
      state={withheld ? 'withheld' : state}
      tone={withheld ? 'withheld' : STATE_TONE[state]}
      profile={shown ?? served}
    >
      <Player
        cameraId={cameraId}
        profile={served}
        active={active && (level < 3 || decoderStill)}
        keyframes={level === 2 || (level === 3 && decoderStill)}
        still={level === 3 && decoderStill}
        frontVideo={frontVideo}
        listed={camera !== undefined}
        onShown={setShown}
        onFrozen={setFrozenSince}
        onCaughtUp={onCaughtUp}
        onPicture={setHasPicture}
        onWithheld={setWithheld}
        onGone={onGone}
      />
      {showsJpeg && <StillPicture cameraId={cameraId} profile={served} onFreshness={setJpegStill} />}
      <TileOverlay
        index={place.index}
        camera={camera}
        cameraId={cameraId}
        status={status}
        state={state}
        withheld={withheld}
        lastPictureAt={lastPictureAt(status, pictureFrozenSince)}
        caughtUp={caughtUp}
        budgetLevel={level}
        latencyMs={latencyMs}
      />
    </TileFrame>
  );
}

/** What a tile shows after its content threw: the rest of the wall keeps playing. */
export function CrashedTile({ cameraId, retry, ...place }: TilePlace & { cameraId: string | null; retry: () => void }) {
  const { t } = useTranslation();
  return (
    <TileFrame {...place} cameraId={cameraId} state="error" tone="fault">
      <div className="tile-crashed">
        <p>{t('wall.tileCrashed')}</p>
        <button
          type="button"
          onClick={(event) => {
            event.stopPropagation();
            retry();
          }}
        >
          {t('common.retry')}
        </button>
      </div>
    </TileFrame>
  );
}

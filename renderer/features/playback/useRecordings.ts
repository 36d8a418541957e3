import { useEffect, useState } from 'react';
import type { EvidenceItem, Profile, RecordingListView, RecordingStateView, WallApi } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useStores } from '../../state/hooks';
import type { Window } from './timelineScale';

/** A recorder state read this recently is used as it is (what each camera records seldom changes). */
const STATE_FRESH_MS = 30_000;

/** The recorder's state per connection: one read shared by every tile that goes to playback at once. */
const states = new WeakMap<WallApi, { at: number; value: RecordingStateView | null; pending: Promise<RecordingStateView | null> | null }>();

/** A fresh enough recorder state, if one was read. */
function cachedState(api: WallApi): RecordingStateView | null {
  const entry = states.get(api);
  return entry && entry.value && performance.now() - entry.at < STATE_FRESH_MS ? entry.value : null;
}

/**
 * Reads the recorder's state (what each camera records), or joins the read under way. The time
 * chooser asks it as it opens, so the tiles that go to playback after it know their profile at
 * once and open their sessions without a round trip of their own first.
 */
export function loadRecordingState(api: WallApi): Promise<RecordingStateView | null> {
  const entry = states.get(api);
  if (entry?.pending) return entry.pending;
  const pending = api.invoke('recording.get').then((r) => {
    const value = r.ok ? r.value : null;
    states.set(api, { at: performance.now(), value, pending: null });
    return value;
  });
  states.set(api, { at: entry?.at ?? 0, value: entry?.value ?? null, pending });
  return pending;
}

/** The recorder's state (what each camera records), read when a tile goes to playback. */
function useRecordingState(): RecordingStateView | null {
  const { api } = useStores();
  const [state, setState] = useState<RecordingStateView | null>(() => cachedState(api));
  useEffect(() => {
    let live = true;
    if (cachedState(api) === null) void loadRecordingState(api).then((value) => live && setState(value));
    return () => {
      live = false;
    };
  }, [api]);
  return state;
}

/** The profile this camera is recorded in (main when both are, or when the recorder does not say). */
export function useRecordedProfile(cameraId: string): Profile | null {
  const state = useRecordingState();
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setAsked(true), 1500);
    return () => clearTimeout(timer);
  }, []);
  if (!state && !asked) return null;
  return profileOf(state, cameraId);
}

function profileOf(state: RecordingStateView | null, cameraId: string): Profile {
  const profiles = state?.settings.cameras.filter((c) => c.cameraId === cameraId).map((c) => c.profile) ?? [];
  return profiles.includes('main') || profiles.length === 0 ? 'main' : profiles[0]!;
}

/** Loads a window a little wider than shown, so a small pan needs no new load. */
const MARGIN = 0.5;

export interface RecordingLists {
  lists: ReadonlyMap<string, RecordingListView>;
  /** Cameras whose list could not be read (e.g. another console refused it), with why. */
  failures: ReadonlyMap<string, Failure>;
}

/** What is recorded of each camera around the window: segments, gaps and locks (missing until loaded), or why not. */
export function useRecordingLists(cameraIds: readonly string[], window: Window): RecordingLists {
  const { api } = useStores();
  const state = useRecordingState();
  const [lists, setLists] = useState<RecordingLists>({ lists: new Map(), failures: new Map() });
  const span = window.to - window.from;
  // Reload when the window moves by a quarter of its span, or zooms.
  const quantum = span / 4;
  const from = Math.floor(Math.floor((window.from - span * MARGIN) / quantum) * quantum);
  const to = Math.ceil(Math.ceil((window.to + span * MARGIN) / quantum) * quantum);
  const ids = cameraIds.join('\n');
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      const wanted = ids === '' ? [] : ids.split('\n');
      void Promise.all(
        wanted.map(async (cameraId) => {
          const result = await api.invoke('recording.list', { cameraId, profile: profileOf(state, cameraId), from, to });
          return [cameraId, result] as const;
        }),
      ).then((answers) => {
        if (!live) return;
        const next: RecordingLists = { lists: new Map(), failures: new Map() };
        for (const [cameraId, result] of answers) {
          if (result.ok) (next.lists as Map<string, RecordingListView>).set(cameraId, result.value);
          else (next.failures as Map<string, Failure>).set(cameraId, failureOf(result)!);
        }
        setLists(next);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, state, ids, from, to]);
  return lists;
}

/** Snapshots and clips taken (the list is an admin's; an operator's timeline goes without). */
export function useEvidenceMarks(): EvidenceItem[] {
  const { api } = useStores();
  const [items, setItems] = useState<EvidenceItem[]>([]);
  useEffect(() => {
    let live = true;
    void api.invoke('evidence.list').then((result) => live && result.ok && setItems(result.value));
    return () => {
      live = false;
    };
  }, [api]);
  return items;
}

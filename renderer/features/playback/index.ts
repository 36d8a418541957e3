/** Playback of recorded footage: what the wall, the top bar and the console page use of it. */
export { PlaybackBar } from './PlaybackBar';
export { PlaybackButton, PlaybackMenuItem } from './OpenPlayback';
export { PlaybackTileView } from './PlaybackTileView';
export { usePlaybackTile } from './usePlayback';

/** The keys of a wall in playback, pure: ←/→ a picture, Shift a minute, [ / ] speed, Space pause. */

export type PlaybackCommand = { kind: 'step'; step: -1 | 1 } | { kind: 'seekBy'; ms: number } | { kind: 'speed'; step: -1 | 1 } | { kind: 'pause' };

const MINUTE = 60_000;

export function playbackCommandFor(input: { key: string; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean }): PlaybackCommand | null {
  if (input.altKey || input.ctrlKey || input.metaKey) return null;
  if (input.key === 'ArrowLeft') return input.shiftKey ? { kind: 'seekBy', ms: -MINUTE } : { kind: 'step', step: -1 };
  if (input.key === 'ArrowRight') return input.shiftKey ? { kind: 'seekBy', ms: MINUTE } : { kind: 'step', step: 1 };
  if (input.key === '[') return { kind: 'speed', step: -1 };
  if (input.key === ']') return { kind: 'speed', step: 1 };
  if (input.key === ' ') return { kind: 'pause' };
  return null;
}

/** Keys typed into a field are the field's. */
export function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof Object) || !('tagName' in target)) return false;
  const element = target as { tagName: string; isContentEditable?: boolean };
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName) || element.isContentEditable === true;
}

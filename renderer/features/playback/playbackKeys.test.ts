import { describe, expect, it } from 'vitest';
import { playbackCommandFor, typingInto } from './playbackKeys';

const key = (key: string, shiftKey = false) => ({ key, shiftKey, altKey: false, ctrlKey: false, metaKey: false });

describe('the keys of a wall in playback', () => {
  it('steps a picture with the arrows, a minute with Shift, changes speed with brackets, pauses with Space', () => {
    expect(playbackCommandFor(key('ArrowLeft'))).toEqual({ kind: 'step', step: -1 });
    expect(playbackCommandFor(key('ArrowRight'))).toEqual({ kind: 'step', step: 1 });
    expect(playbackCommandFor(key('ArrowLeft', true))).toEqual({ kind: 'seekBy', ms: -60_000 });
    expect(playbackCommandFor(key('ArrowRight', true))).toEqual({ kind: 'seekBy', ms: 60_000 });
    expect(playbackCommandFor(key('['))).toEqual({ kind: 'speed', step: -1 });
    expect(playbackCommandFor(key(']'))).toEqual({ kind: 'speed', step: 1 });
    expect(playbackCommandFor(key(' '))).toEqual({ kind: 'pause' });
  });

  it("leaves other keys, combinations, and typing in a field to others", () => {
    expect(playbackCommandFor(key('ArrowUp'))).toBeNull();
    expect(playbackCommandFor({ ...key('ArrowLeft'), ctrlKey: true })).toBeNull();
    expect(typingInto({ tagName: 'INPUT' } as unknown as EventTarget)).toBe(true);
    expect(typingInto({ tagName: 'DIV', isContentEditable: false } as unknown as EventTarget)).toBe(false);
  });
});

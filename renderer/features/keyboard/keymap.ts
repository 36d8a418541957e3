import type { Direction } from '../../state/wallLayout';

/** What a key does on the wall. */
export type Command =
  | { kind: 'layout'; id: string }
  | { kind: 'layoutStep'; delta: 1 | -1 }
  | { kind: 'preset'; number: number }
  | { kind: 'move'; direction: Direction }
  | { kind: 'maximize' }
  | { kind: 'restore' }
  | { kind: 'clear' }
  | { kind: 'undo' }
  | { kind: 'tour' }
  | { kind: 'fullscreen' }
  | { kind: 'help' };

export interface KeyInput {
  key: string;
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey?: boolean;
}

/** Digits name the layout with that many tiles; 0 is the ten-tile layout. */
export const DIGIT_LAYOUTS: Readonly<Record<string, string>> = { '1': '1', '4': '4', '6': '6', '8': '8', '9': '9', '0': '10' };

const ARROWS: Readonly<Record<string, Direction>> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

const SIMPLE: Readonly<Record<string, Command>> = {
  Enter: { kind: 'maximize' },
  Escape: { kind: 'restore' },
  Delete: { kind: 'clear' },
  ' ': { kind: 'tour' },
  F11: { kind: 'fullscreen' },
  '?': { kind: 'help' },
  '-': { kind: 'layoutStep', delta: -1 },
  '=': { kind: 'layoutStep', delta: 1 },
  '+': { kind: 'layoutStep', delta: 1 },
};

export function commandFor(input: KeyInput): Command | null {
  // Ctrl and ⌘ combinations stay the browser's and the system's, but Ctrl+Z (⌘Z) takes back a wall edit.
  if (input.ctrlKey || input.metaKey) return input.code === 'KeyZ' && !input.altKey && !input.shiftKey ? { kind: 'undo' } : null;
  if (input.altKey) {
    // By code, not key: Alt+1 types "¡" on a Mac keyboard.
    const preset = /^(?:Digit|Numpad)([1-9])$/.exec(input.code);
    return preset ? { kind: 'preset', number: Number(preset[1]) } : null;
  }
  const layout = DIGIT_LAYOUTS[input.key];
  if (layout) return { kind: 'layout', id: layout };
  const direction = ARROWS[input.key];
  if (direction) return { kind: 'move', direction };
  return SIMPLE[input.key] ?? null;
}

export interface KeyTarget {
  tagName: string;
  type?: string;
  isContentEditable?: boolean;
}

const TEXT_INPUTS = new Set(['text', 'search', 'number', 'password', 'email', 'url', 'tel', '']);
const PRESS_KEYS = new Set([' ', 'Enter']);
const CHOICE_KEYS = new Set([' ', 'Enter', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/**
 * Keys go to the wall unless the operator is typing, presses Enter / Space on a real button (which
 * then does what the button says), or moves through a radio group or checkboxes with the arrows.
 */
export function keyBelongsToTarget(target: KeyTarget, key: string): boolean {
  const tag = target.tagName.toUpperCase();
  if (target.isContentEditable || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TEXT_INPUTS.has((target.type ?? '').toLowerCase()) || CHOICE_KEYS.has(key);
  return (tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') && PRESS_KEYS.has(key);
}

/** The key map as the help overlay lists it, each line a catalogue key under `keys.`. */
export const KEY_HELP = [
  { keys: ['1', '4', '6', '8', '9', '0'], what: 'layoutDigits' },
  { keys: ['-', '='], what: 'layoutStep' },
  { keys: ['Alt+1…9'], what: 'preset' },
  { keys: ['←', '↑', '→', '↓'], what: 'move' },
  { keys: ['Enter'], what: 'maximize' },
  { keys: ['Esc'], what: 'restore' },
  { keys: ['Delete'], what: 'clear' },
  { keys: ['Ctrl+Z'], what: 'undo' },
  { keys: ['Space'], what: 'tour' },
  { keys: ['F11'], what: 'fullscreen' },
  { keys: ['?'], what: 'help' },
] as const;

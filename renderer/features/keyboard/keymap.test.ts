import { describe, expect, it } from 'vitest';
import { namedLayout } from '../../../preload/layouts';
import { commandFor, DIGIT_LAYOUTS, keyBelongsToTarget, type KeyInput } from './keymap';

const press = (key: string, more: Partial<KeyInput> = {}) =>
  commandFor({ key, code: '', altKey: false, ctrlKey: false, metaKey: false, ...more });

describe('key map', () => {
  it('picks a layout with a digit, 0 being the ten-tile layout', () => {
    expect(press('1')).toEqual({ kind: 'layout', id: '1' });
    expect(press('6')).toEqual({ kind: 'layout', id: '6' });
    expect(press('0')).toEqual({ kind: 'layout', id: '10' });
    expect(press('2')).toBeNull();
    for (const id of Object.values(DIGIT_LAYOUTS)) expect(namedLayout(id), id).toBeDefined();
  });

  it('steps to fewer or more tiles with minus and equals', () => {
    expect(press('-')).toEqual({ kind: 'layoutStep', delta: -1 });
    expect(press('=')).toEqual({ kind: 'layoutStep', delta: 1 });
    expect(press('+')).toEqual({ kind: 'layoutStep', delta: 1 });
  });

  it('picks a preset with Alt and a digit, by key position', () => {
    expect(press('¡', { altKey: true, code: 'Digit1' })).toEqual({ kind: 'preset', number: 1 });
    expect(press('9', { altKey: true, code: 'Numpad9' })).toEqual({ kind: 'preset', number: 9 });
    expect(press('0', { altKey: true, code: 'Digit0' })).toBeNull();
  });

  it('moves, maximizes, restores, clears, pauses the tour, goes full screen and shows help', () => {
    expect(press('ArrowLeft')).toEqual({ kind: 'move', direction: 'left' });
    expect(press('Enter')).toEqual({ kind: 'maximize' });
    expect(press('Escape')).toEqual({ kind: 'restore' });
    expect(press('Delete')).toEqual({ kind: 'clear' });
    expect(press(' ')).toEqual({ kind: 'tour' });
    expect(press('F11')).toEqual({ kind: 'fullscreen' });
    expect(press('?')).toEqual({ kind: 'help' });
  });

  it('leaves Ctrl and ⌘ shortcuts to the browser', () => {
    expect(press('1', { ctrlKey: true })).toBeNull();
    expect(press('F11', { metaKey: true })).toBeNull();
  });

  it('takes back a wall edit with Ctrl+Z or ⌘Z, whatever the keyboard layout, and leaves Ctrl+Shift+Z alone', () => {
    expect(press('z', { ctrlKey: true, code: 'KeyZ' })).toEqual({ kind: 'undo' });
    expect(press('z', { metaKey: true, code: 'KeyZ' })).toEqual({ kind: 'undo' });
    expect(press('Z', { ctrlKey: true, shiftKey: true, code: 'KeyZ' })).toBeNull();
  });

  it('does not take keys from someone typing', () => {
    expect(keyBelongsToTarget({ tagName: 'INPUT', type: 'text' }, '1')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'input', type: 'search' }, 'ArrowLeft')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'TEXTAREA' }, '?')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'SELECT' }, 'ArrowDown')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'DIV', isContentEditable: true }, '4')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'INPUT', type: 'checkbox' }, '4')).toBe(false);
  });

  it('leaves the arrows and Space to a radio group or a checkbox', () => {
    expect(keyBelongsToTarget({ tagName: 'INPUT', type: 'radio' }, 'ArrowDown')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'INPUT', type: 'checkbox' }, ' ')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'INPUT', type: 'radio' }, 'F11')).toBe(false);
  });

  it('lets Enter and Space press a focused button, but gives the wall every other key', () => {
    expect(keyBelongsToTarget({ tagName: 'BUTTON' }, 'Enter')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'BUTTON' }, ' ')).toBe(true);
    expect(keyBelongsToTarget({ tagName: 'BUTTON' }, '9')).toBe(false);
    expect(keyBelongsToTarget({ tagName: 'DIV' }, ' ')).toBe(false);
  });
});

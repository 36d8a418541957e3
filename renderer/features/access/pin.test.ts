import { describe, expect, it } from 'vitest';
import { newPinProblem, pinDigits } from './pin';

describe('a new admin PIN', () => {
  it('wants 4 to 8 digits, typed the same twice', () => {
    expect(newPinProblem('2468', '2468')).toBeNull();
    expect(newPinProblem('12345678', '12345678')).toBeNull();
    expect(newPinProblem('123', '123')).toBe('format');
    expect(newPinProblem('123456789', '123456789')).toBe('format');
    expect(newPinProblem('12a4', '12a4')).toBe('format');
    expect(newPinProblem('2468', '2469')).toBe('mismatch');
  });

  it('keeps only digits of what is typed, at most 8', () => {
    expect(pinDigits('12 34-56')).toBe('123456');
    expect(pinDigits('1234567890')).toBe('12345678');
  });
});

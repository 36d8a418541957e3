import { describe, expect, it } from 'vitest';
import { splitToken } from './token';

describe('splitToken', () => {
  it('takes the token and keeps the other parameters', () => {
    expect(splitToken('?lang=en&token=abc123&x=1')).toEqual({ token: 'abc123', rest: '?lang=en&x=1' });
  });

  it('leaves an empty query when the token was the only parameter', () => {
    expect(splitToken('?token=abc')).toEqual({ token: 'abc', rest: '' });
  });

  it('reports no token when there is none, or it is empty', () => {
    expect(splitToken('')).toEqual({ token: null, rest: '' });
    expect(splitToken('?token=')).toEqual({ token: null, rest: '' });
  });
});

import { describe, expect, it } from 'vitest';
import { normalizeHeader, mapColumns } from './columns.js';
import { parseLocation, parseOwnerKind } from './rows.js';

describe('columns', () => {
  it('reads headers the way clerks write them', () => {
    expect(normalizeHeader('主码流地址（必填）*')).toBe('主码流地址');
    expect(normalizeHeader(' Main URL ')).toBe('mainurl');
    expect(mapColumns(['名称*', '所属村', 'RTSP地址', '备注'])).toEqual({ columns: { name: 0, village: 1, mainUrl: 2 }, missing: [] });
    expect(mapColumns(['名称']).missing).toEqual(['village', 'mainUrl']);
  });
});

describe('cells', () => {
  it.each([
    ['112.93,28.22', { lng: 112.93, lat: 28.22 }],
    ['112.93，28.22', { lng: 112.93, lat: 28.22 }],
    ['112.93 28.22', { lng: 112.93, lat: 28.22 }],
    ['28.22,112.93', { lng: 112.93, lat: 28.22 }],
    ['', null],
    ['东经112', 'bad'],
    ['200,100', 'bad'],
  ])('location %s', (text, expected) => {
    expect(parseLocation(text)).toEqual(expected);
  });

  it.each([
    ['', 'public'],
    ['公共', 'public'],
    ['家庭', 'household'],
    ['Household', 'household'],
    ['邻居', null],
  ])('owner kind %s', (text, expected) => {
    expect(parseOwnerKind(text)).toBe(expected);
  });
});

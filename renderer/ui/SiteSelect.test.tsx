import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../preload/api';
import zhCN from '../i18n/zh-CN.json';
import { SiteSelect, siteChoiceLabel } from './SiteSelect';

const site = (id: string, name: string, level: Site['level'], parentId: string | null): Site => ({ id, name, level, parentId, defaultPresetId: null });
const TOWN = site('town', '青山镇', 'township', null);
const EAST = site('east', '东村', 'village', 'town');

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ resources: { 'zh-CN': { translation: zhCN } }, lng: 'zh-CN', initAsync: false });
});

const options = (html: string) => [...html.matchAll(/<option value="([^"]*)"( selected="")?>([^<]*)<\/option>/g)].map(([, value, selected, text]) => `${value}${selected ? '*' : ''}=${text}`);

describe('SiteSelect', () => {
  it('lists the sites as given, after the empty choice when there is one', () => {
    const html = renderToStaticMarkup(<SiteSelect label="单位" sites={[TOWN, EAST]} value="east" onChange={() => {}} emptyLabel="全部" />);
    expect(options(html)).toEqual(['=全部', 'town=青山镇', 'east*=东村']);
    expect(html).toContain('<span>单位</span>');
  });

  it('offers no empty choice when a site must be chosen', () => {
    const html = renderToStaticMarkup(<SiteSelect label="单位" sites={[TOWN]} value="town" onChange={() => {}} />);
    expect(options(html)).toEqual(['town*=青山镇']);
  });

  it('indents tree rows under their parent and names the level when asked', () => {
    const rows = [
      { site: TOWN, depth: 0 },
      { site: EAST, depth: 1 },
    ];
    const html = renderToStaticMarkup(<SiteSelect label="单位" sites={rows} value="" onChange={() => {}} emptyLabel="请选择" withLevel />);
    expect(options(html)).toEqual(['*=请选择', 'town=青山镇 · 乡镇', 'east=\u3000东村 · 村']);
  });

  it('keeps the name and test id the forms and tests find it by', () => {
    const html = renderToStaticMarkup(<SiteSelect label="单位" sites={[TOWN]} value="town" onChange={() => {}} name="siteId" testId="owner-select" />);
    expect(html).toContain('<select name="siteId" data-testid="owner-select">');
  });
});

describe('siteChoiceLabel', () => {
  it('puts one full-width space per level of depth before the name', () => {
    expect(siteChoiceLabel(EAST, 2, null)).toBe('\u3000\u3000东村');
    expect(siteChoiceLabel(EAST, 0, '村')).toBe('东村 · 村');
  });
});

/**
 * Boxes measured on the page for the screen-fit tests: where a tile's picture and its camera's OSD
 * are, whether the top bar keeps one row, what of a tile's name bar is shown.
 */
import type { Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The part of the picture where Hikvision and Dahua print their date and time by default: the
 * top-left, about 45 % of the width and 12 % of the height (measured on their 1080p and D1 OSDs).
 */
const OSD = { width: 0.45, height: 0.12 };

export function intersects(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Whether `inner` lies wholly inside `outer` (half a pixel of rounding allowed). */
export function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
}

export function boxesOutside(boxes: Box[], window: { width: number; height: number }): Box[] {
  return boxes.filter((b) => b.x < -0.5 || b.y < -0.5 || b.x + b.width > window.width + 0.5 || b.y + b.height > window.height + 0.5);
}

/** For each shown tile with a picture: the picture as drawn (object-fit: contain), its OSD corner and the name bar. */
export function pictureBoxes(page: Page): Promise<{ index: number; picture: Box; osd: Box; header: Box; tile: Box }[]> {
  return page.evaluate((osd) => {
    const box = (r: DOMRect) => ({ x: r.x, y: r.y, width: r.width, height: r.height });
    return [...document.querySelectorAll<HTMLElement>('[data-testid="tile"]:not([hidden])')].flatMap((tile) => {
      const video = tile.querySelector<HTMLVideoElement>('video[data-testid="tile-video"]');
      const header = tile.querySelector('[data-testid="tile-header"]') ?? tile.querySelector('.tile-header');
      if (!video || !header || video.videoWidth === 0) return [];
      const r = video.getBoundingClientRect();
      const scale = Math.min(r.width / video.videoWidth, r.height / video.videoHeight);
      const picture = { x: r.x + (r.width - video.videoWidth * scale) / 2, y: r.y + (r.height - video.videoHeight * scale) / 2, width: video.videoWidth * scale, height: video.videoHeight * scale };
      return [{ index: Number(tile.dataset.index), picture, osd: { ...picture, width: picture.width * osd.width, height: picture.height * osd.height }, header: box(header.getBoundingClientRect()), tile: box(tile.getBoundingClientRect()) }];
    });
  }, OSD);
}

/**
 * The top bar's controls: how many rows they take, which reach past the window, and which are cut
 * (text clipped by overflow, or wrapped onto a second line inside the control).
 */
export function measureTopBar(page: Page): Promise<{ rows: number; outside: string[]; cut: string[] }> {
  return page.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('.top-bar')!;
    const controls = [...bar.children].filter((c) => c.getBoundingClientRect().width > 0);
    const name = (e: Element) => `${e.tagName.toLowerCase()}.${e.className || ''} "${(e.textContent ?? '').trim().slice(0, 30)}"`;
    const rows: { top: number; bottom: number }[] = [];
    for (const c of controls) {
      const r = c.getBoundingClientRect();
      if (!rows.some((row) => r.top < row.bottom && row.top < r.bottom)) rows.push({ top: r.top, bottom: r.bottom });
    }
    const outside = controls.filter((c) => {
      const r = c.getBoundingClientRect();
      return r.left < 0 || r.right > window.innerWidth + 0.5;
    });
    const cut = [...bar.querySelectorAll('*')].filter((e) => {
      const clipped = getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1;
      const wrapped = [...e.childNodes].some((node) => {
        if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) return false;
        const range = document.createRange();
        range.selectNodeContents(node);
        const tops = [...range.getClientRects()].map((r) => r.top);
        return tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 4;
      });
      return clipped || wrapped;
    });
    return { rows: rows.length, outside: outside.map(name), cut: cut.map(name) };
  });
}

type Shown = 'whole' | 'part' | 'none';

interface Label {
  text: string;
  shown: Shown;
  fullWidth: number;
  visibleWidth: number;
  fontSize: number;
}

/** What each tile's name bar shows of the camera's name, its state and its village. */
export function tileLabels(page: Page): Promise<{ index: number; name: Label; state: Label; village: Label }[]> {
  return page.evaluate(() => {
    /** The element's box as left visible by every clipping ancestor inside the tile. */
    const visible = (e: HTMLElement, tile: HTMLElement) => {
      let { left, right, top, bottom } = e.getBoundingClientRect();
      for (let a = e.parentElement; a && a !== tile.parentElement; a = a.parentElement) {
        if (getComputedStyle(a).overflow === 'visible') continue;
        const r = a.getBoundingClientRect();
        left = Math.max(left, r.left);
        right = Math.min(right, r.right);
        top = Math.max(top, r.top);
        bottom = Math.min(bottom, r.bottom);
      }
      return right > left && bottom > top ? right - left : 0;
    };
    const label = (tile: HTMLElement, testId: string, className: string) => {
      const e = tile.querySelector<HTMLElement>(`[data-testid="${testId}"]`) ?? tile.querySelector<HTMLElement>(className);
      if (!e) return { text: '', shown: 'none' as const, fullWidth: 0, visibleWidth: 0, fontSize: 0 };
      const width = e.getBoundingClientRect().width;
      const visibleWidth = visible(e, tile);
      // Its own ellipsis, or a clipping ancestor, hides part of the text.
      const inside = e.scrollWidth <= e.clientWidth + 1 && visibleWidth >= width - 1;
      const shown: Shown = visibleWidth === 0 ? 'none' : inside ? 'whole' : 'part';
      return { text: e.textContent ?? '', shown, fullWidth: Math.max(e.scrollWidth, width), visibleWidth: Math.min(visibleWidth, e.clientWidth), fontSize: parseFloat(getComputedStyle(e).fontSize) };
    };
    return [...document.querySelectorAll<HTMLElement>('[data-testid="tile"][data-camera-id]')].map((tile) => ({
      index: Number(tile.dataset.index),
      name: label(tile, 'tile-name', '.tile-name'),
      state: label(tile, 'tile-state', '.tile-state'),
      village: label(tile, 'tile-village', '.tile-village'),
    }));
  });
}

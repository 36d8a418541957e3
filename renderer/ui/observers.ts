/**
 * One ResizeObserver and one IntersectionObserver for the whole page, with a callback per element:
 * 64 tiles cost two observers, not 128.
 */

type SizeListener = (width: number, height: number) => void;
type VisibilityListener = (visible: boolean) => void;

const sizeListeners = new Map<Element, SizeListener>();
const visibilityListeners = new Map<Element, VisibilityListener>();
let resizeObserver: ResizeObserver | undefined;
let intersectionObserver: IntersectionObserver | undefined;

export function observeSize(element: Element, listener: SizeListener): () => void {
  resizeObserver ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      const box = entry.contentBoxSize[0];
      const width = box ? box.inlineSize : entry.contentRect.width;
      const height = box ? box.blockSize : entry.contentRect.height;
      sizeListeners.get(entry.target)?.(width, height);
    }
  });
  sizeListeners.set(element, listener);
  resizeObserver.observe(element);
  return () => {
    sizeListeners.delete(element);
    resizeObserver?.unobserve(element);
  };
}

/** Whether any part of the element is on screen (a hidden element is not). */
export function observeVisibility(element: Element, listener: VisibilityListener): () => void {
  intersectionObserver ??= new IntersectionObserver((entries) => {
    for (const entry of entries) visibilityListeners.get(entry.target)?.(entry.isIntersecting);
  });
  visibilityListeners.set(element, listener);
  intersectionObserver.observe(element);
  return () => {
    visibilityListeners.delete(element);
    intersectionObserver?.unobserve(element);
  };
}

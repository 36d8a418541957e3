import type { Layout } from '../../../preload/layouts';
import { gridArea } from '../../state/wallLayout';

/** A small picture of a layout, drawn with CSS grid from the layout's own data. */
export function LayoutIcon({ layout }: { layout: Layout }) {
  return (
    <span
      className="layout-icon"
      aria-hidden="true"
      style={{ gridTemplateRows: `repeat(${layout.rows}, 1fr)`, gridTemplateColumns: `repeat(${layout.cols}, 1fr)` }}
    >
      {layout.tiles.map((tile, index) => (
        <span key={index} style={{ gridArea: gridArea(tile) }} />
      ))}
    </span>
  );
}

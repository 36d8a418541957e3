import { namedLayout } from '../../../preload/layouts';
import type { Stores } from '../../state/createStores';
import { stepLayout } from '../../state/wallLayout';
import { toggleWallFullscreen } from '../../ui/fullscreen';
import type { Command } from './keymap';

/** Does what a key means. Every key but Space and `?` counts as the operator working (a tour holds). */
export function runCommand(stores: Stores, command: Command): void {
  const { wall, presets, tour, keyHelp } = stores;
  if (command.kind !== 'tour' && command.kind !== 'help') tour.touch();
  const { wall: current, selected } = wall.view.get();
  switch (command.kind) {
    case 'layout': {
      const layout = namedLayout(command.id);
      if (layout) wall.setLayout(layout);
      return;
    }
    case 'layoutStep':
      return wall.setLayout(stepLayout(current.layout.id, command.delta));
    case 'preset': {
      const preset = presets.byNumber(command.number);
      // A tour given an Alt number starts; a preset shows its wall.
      if (preset?.tour) tour.start(preset.id);
      else if (preset) wall.replace(preset.wall);
      return;
    }
    case 'move':
      return wall.moveSelection(command.direction);
    case 'maximize':
      return wall.toggleMaximize(selected);
    case 'restore':
      if (keyHelp.get()) keyHelp.set(false);
      else wall.maximize(null);
      return;
    case 'clear':
      return wall.clear(selected);
    case 'undo':
      return wall.undo();
    case 'tour':
      return tour.toggle();
    case 'fullscreen':
      return toggleWallFullscreen();
    case 'help':
      return keyHelp.set(!keyHelp.get());
  }
}

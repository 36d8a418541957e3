import { useEffect } from 'react';
import { useStores } from '../../state/hooks';
import { commandFor, keyBelongsToTarget } from './keymap';
import { runCommand } from './runCommand';

/** The wall's keyboard, for the whole page, except while the operator types in a field. */
export function useWallKeys(): void {
  const stores = useStores();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const target = event.target instanceof HTMLElement ? event.target : document.body;
      const type = target instanceof HTMLInputElement ? target.type : undefined;
      if (keyBelongsToTarget({ tagName: target.tagName, type, isContentEditable: target.isContentEditable }, event.key)) return;
      const command = commandFor(event);
      if (!command) return;
      event.preventDefault();
      runCommand(stores, command);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [stores]);
}

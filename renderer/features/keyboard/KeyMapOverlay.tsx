import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useObservable, useStores } from '../../state/hooks';
import { KEY_HELP } from './keymap';
import './keyboard.css';

/** The key map (`?`), every line from the catalogue. */
export function KeyMapOverlay() {
  const { keyHelp } = useStores();
  return useObservable(keyHelp) ? <KeyMap close={() => keyHelp.set(false)} /> : null;
}

function KeyMap({ close }: { close: () => void }) {
  const { t } = useTranslation();
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => closeButton.current?.focus(), []);

  return (
    <div className="keymap-backdrop" onClick={close}>
      <div className="keymap" role="dialog" aria-modal="true" aria-labelledby="keymap-title" data-testid="keymap" onClick={(e) => e.stopPropagation()}>
        <h2 id="keymap-title">{t('keys.title')}</h2>
        <dl>
          {KEY_HELP.map(({ keys, what }) => (
            <div key={what} className="keymap-row">
              <dt>
                {keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </dt>
              <dd>{t(`keys.${what}`)}</dd>
            </div>
          ))}
        </dl>
        <p className="form-hint">{t('keys.typing')}</p>
        <button type="button" ref={closeButton} onClick={close}>
          {t('keys.close')}
        </button>
      </div>
    </div>
  );
}

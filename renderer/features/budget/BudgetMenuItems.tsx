import { useTranslation } from 'react-i18next';
import { PLAYER_CHOICES, type PlayerChoice } from '../../../preload/api';
import { useIsAdmin } from '../../state/hooks';
import { useBudget, useBudgetSettings } from './hooks';

const CHOICES = [1, 2, 4, 6, 9, 16] as const;

/**
 * The tile menu's decode budget items: keep this camera at full quality (anyone at the desk), and
 * the console's rule — automatic saving and the full-rate limit (admins; main refuses others too).
 */
export function BudgetMenuItems({ cameraId, run }: { cameraId: string; run: (action: () => void) => () => void }) {
  const { t } = useTranslation();
  const budget = useBudget();
  const admin = useIsAdmin();
  const { pinned, maxFullRate, auto, player } = useBudgetSettings();
  const kept = pinned.has(cameraId);
  const ruleTitle = admin ? undefined : t('access.adminHint', { what: t('budget.maxFullRate') });
  return (
    <>
      <button type="button" role="menuitem" data-testid="menu-budget-pin" onClick={run(() => void budget.pin(cameraId, !kept))}>
        {kept ? t('budget.unpin') : t('budget.pin')}
      </button>
      <label className="tile-menu-setting" title={ruleTitle}>
        <input type="checkbox" data-testid="budget-auto" checked={auto} disabled={!admin} onChange={(event) => void budget.setRule({ auto: event.target.checked })} />{' '}
        {t('budget.auto')}
      </label>
      <label className="tile-menu-setting" title={ruleTitle}>
        {t('budget.maxFullRate')}{' '}
        <select
          data-testid="budget-max-full-rate"
          value={maxFullRate === null ? '' : String(maxFullRate)}
          disabled={!admin}
          onChange={(event) => void budget.setRule({ maxFullRate: event.target.value === '' ? null : Number(event.target.value) })}
        >
          <option value="">{t('budget.unlimited')}</option>
          {CHOICES.map((n) => (
            <option key={n} value={String(n)}>
              {t('budget.tiles', { count: n })}
            </option>
          ))}
        </select>
      </label>
      <label className="tile-menu-setting" title={admin ? t('budget.playerHint') : t('access.adminHint', { what: t('budget.player') })}>
        {t('budget.player')}{' '}
        <select data-testid="budget-player" value={player} disabled={!admin} onChange={(event) => void budget.setRule({ player: event.target.value as PlayerChoice })}>
          {PLAYER_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`budget.playerChoice.${choice}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { useBudget, useBudgetSettings } from './hooks';

const CHOICES = [1, 2, 4, 6, 9, 16] as const;

/** The tile menu's decode budget items: keep this camera at full quality, and the console's full-rate limit. */
export function BudgetMenuItems({ cameraId, run }: { cameraId: string; run: (action: () => void) => () => void }) {
  const { t } = useTranslation();
  const budget = useBudget();
  const { pinned, maxFullRate } = useBudgetSettings();
  const kept = pinned.has(cameraId);
  return (
    <>
      <button type="button" role="menuitem" data-testid="menu-budget-pin" onClick={run(() => budget.pin(cameraId, !kept))}>
        {kept ? t('budget.unpin') : t('budget.pin')}
      </button>
      <label className="tile-menu-setting">
        {t('budget.maxFullRate')}{' '}
        <select
          data-testid="budget-max-full-rate"
          value={maxFullRate === null ? '' : String(maxFullRate)}
          onChange={(event) => budget.setMaxFullRate(event.target.value === '' ? null : Number(event.target.value))}
        >
          <option value="">{t('budget.unlimited')}</option>
          {CHOICES.map((n) => (
            <option key={n} value={String(n)}>
              {t('budget.tiles', { count: n })}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

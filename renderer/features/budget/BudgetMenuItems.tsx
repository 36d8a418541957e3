import { useTranslation } from 'react-i18next';
import { BEYOND_CAP_CHOICES, PLAYER_CHOICES } from '../../../preload/api';
import { useIsAdmin } from '../../state/hooks';
import { ChoiceSelect } from '../../ui/ChoiceSelect';
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
  const { pinned, maxFullRate, auto, player, beyondCap } = useBudgetSettings();
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
      <ChoiceSetting
        label={t('budget.beyondCap')}
        title={ruleTitle}
        testId="budget-beyond-cap"
        choices={BEYOND_CAP_CHOICES}
        value={beyondCap}
        words={(choice) => t(`budget.beyondCapChoice.${choice}`)}
        disabled={!admin || maxFullRate === null}
        onChange={(choice) => void budget.setRule({ beyondCap: choice })}
      />
      <ChoiceSetting
        label={t('budget.player')}
        title={admin ? t('budget.playerHint') : t('access.adminHint', { what: t('budget.player') })}
        testId="budget-player"
        choices={PLAYER_CHOICES}
        value={player}
        words={(choice) => t(`budget.playerChoice.${choice}`)}
        disabled={!admin}
        onChange={(choice) => void budget.setRule({ player: choice })}
      />
    </>
  );
}

/** One of the console's rule choices as a labelled select in the tile menu. */
function ChoiceSetting<C extends string>(props: { label: string; title: string | undefined; testId: string; choices: readonly C[]; value: C; words: (choice: C) => string; disabled: boolean; onChange: (choice: C) => void }) {
  return (
    <label className="tile-menu-setting" title={props.title}>
      {props.label}{' '}
      {/* No `none` choice: the value is always one of them. */}
      <ChoiceSelect testId={props.testId} choices={props.choices} value={props.value} words={props.words} disabled={props.disabled} onChange={(choice) => choice !== '' && props.onChange(choice)} />
    </label>
  );
}

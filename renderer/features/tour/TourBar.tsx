import { useTranslation } from 'react-i18next';
import { usePresetsView, useStores, useTourView } from '../../state/hooks';
import type { RunningTour } from '../../state/tourStore';
import { useNow } from '../../ui/useNow';

/** Above the wall while a tour runs: which step, how long until the next, pause and stop. */
export function TourBar() {
  const { running } = useTourView();
  return running ? <RunningBar running={running} /> : null;
}

function RunningBar({ running }: { running: RunningTour }) {
  const { t } = useTranslation();
  const { tour } = useStores();
  const { presets } = usePresetsView();
  const now = useNow(500);
  const { clock, step } = running;
  const stepName = step.presetId ? presets?.find((p) => p.id === step.presetId)?.name : step.page !== null ? t('tour.page', { page: step.page }) : undefined;
  const secondsUntil = (at: number | null) => (at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000)));

  return (
    <div className="tour-bar" role="status" data-testid="tour-bar" data-phase={clock.phase} data-paused-by={clock.pausedBy ?? undefined} data-step={clock.index}>
      <strong>{t('tour.running', { name: running.name })}</strong>
      <span>{t('tour.step', { index: clock.index + 1, total: clock.count })}</span>
      {stepName && <span className="tour-step-name">{stepName}</span>}
      <span className="tour-time" data-testid="tour-time">
        {clock.phase === 'running' && t('tour.left', { value: secondsUntil(clock.endsAt) })}
        {clock.phase === 'paused' && clock.pausedBy === 'activity' && t('tour.pausedActivity', { value: secondsUntil(clock.resumesAt) })}
        {clock.phase === 'paused' && clock.pausedBy === 'operator' && t('tour.pausedOperator')}
        {clock.phase === 'paused' && clock.pausedBy === 'maximized' && t('tour.pausedMaximized')}
        {clock.phase === 'paused' && clock.pausedBy === 'restored' && t('tour.resumingAfterRestore', { value: secondsUntil(clock.resumesAt) })}
      </span>
      {clock.phase === 'paused' && clock.resumesAt !== null && (
        <button type="button" data-testid="tour-cancel-resume" onClick={() => tour.cancelResume()}>
          {t('tour.cancelResume')}
        </button>
      )}
      <button type="button" data-testid="tour-toggle" onClick={() => tour.toggle()}>
        {clock.phase === 'running' ? t('tour.pause') : t('tour.resume')}
      </button>
      <button type="button" data-testid="tour-bar-stop" onClick={() => tour.stop()}>
        {t('tour.stop')}
      </button>
    </div>
  );
}

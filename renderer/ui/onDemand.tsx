import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBoundary } from './ErrorBoundary';

/**
 * A screen loaded the first time it is shown (its own chunk), so the wall's first paint carries
 * only the wall. Until it arrives nothing is drawn (it is read from the local disk); if it cannot
 * be read, a retry loads it again, and the rest of the console keeps working.
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const fresh = () => lazy(async () => ({ default: await load() }));
  let Screen: LazyExoticComponent<ComponentType<P>> = fresh();
  return function OnDemand(props: P) {
    const { t } = useTranslation();
    return (
      <ErrorBoundary
        fallback={(reset) => (
          <p role="alert" className="on-demand-failed">
            {t('app.areaCrashed')}{' '}
            <button
              type="button"
              onClick={() => {
                Screen = fresh();
                reset();
              }}
            >
              {t('common.retry')}
            </button>
          </p>
        )}
      >
        <Suspense fallback={null}>
          <Screen {...props} />
        </Suspense>
      </ErrorBoundary>
    );
  };
}

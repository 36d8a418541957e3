import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Failure } from '../../state/failure';
import { useAccessState, useCamerasView, useStores } from '../../state/hooks';
import { ConfirmBar } from '../../ui/ConfirmBar';
import { FailureText } from '../../ui/FailureText';
import { SiteSelect } from '../../ui/SiteSelect';
import { siteRows } from './siteOptions';

/** The site this console serves (本控制台服务单位): only it and the sites below it stay on this console. */
export function ScopeSection() {
  const { t } = useTranslation();
  const { access } = useStores();
  const state = useAccessState();
  const { sites } = useCamerasView();
  const current = state?.scope?.id ?? '';
  const [chosen, setChosen] = useState(current);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const target = sites.find((s) => s.id === chosen);

  const save = async () => {
    setConfirming(false);
    const result = await access.setScope(chosen);
    setFailure(result.ok ? null : result);
  };

  return (
    <section className="scope-section" data-testid="scope-section">
      <h3 className="side-heading">{t('scope.title')}</h3>
      <p className="panel-note">{state?.scope ? t('scope.current', { name: state.scope.name, level: t(`site.${state.scope.level}`) }) : t('scope.none')}</p>
      <div className="form-pair">
        <SiteSelect label={t('scope.choose')} sites={siteRows(sites)} value={chosen} onChange={setChosen} emptyLabel={t('scope.pick')} withLevel testId="scope-select" />
        <button type="button" className="primary" data-testid="scope-save" disabled={chosen === '' || chosen === current} onClick={() => setConfirming(true)}>
          {t('scope.save')}
        </button>
      </div>
      {confirming && target && (
        <ConfirmBar
          question={t('scope.confirm', { name: target.name })}
          confirmLabel={t('scope.confirmYes')}
          confirmTestId="scope-confirm"
          onConfirm={() => void save()}
          onCancel={() => setConfirming(false)}
        />
      )}
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('scope.failed')} failure={failure} />
        </p>
      )}
    </section>
  );
}

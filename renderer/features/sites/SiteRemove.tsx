import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Site } from '../../../preload/api';
import { failureOf, type Failure } from '../../state/failure';
import { useCamerasView, useStores } from '../../state/hooks';
import { ConfirmBar } from '../../ui/ConfirmBar';
import { FailureText } from '../../ui/FailureText';
import { subtreeIds } from './siteOptions';

/** Removing a site: a plain confirm when it is empty; otherwise it says what would go with it. */
export function SiteRemove({ site, onDone }: { site: Site; onDone: () => void }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const { sites, cameras } = useCamerasView();
  const [failure, setFailure] = useState<Failure | null>(null);
  const below = subtreeIds(sites, site.id);
  const contents = { sites: below.size - 1, cameras: (cameras ?? []).filter((c) => c.siteId !== null && below.has(c.siteId)).length };
  const withContents = contents.sites > 0 || contents.cameras > 0;

  const remove = async () => {
    const failed = failureOf(await api.invoke('sites.remove', { id: site.id, withContents }));
    if (failed) setFailure(failed);
    else onDone();
  };

  return (
    <ConfirmBar
      question={withContents ? t('sites.removeWithContents', { sites: t('counted.sites', { count: contents.sites }), cameras: t('counted.cameras', { count: contents.cameras }) }) : t('sites.removeConfirm', { name: site.name })}
      ariaLabel={t('sites.removeConfirm', { name: site.name })}
      confirmLabel={t('sites.removeYes')}
      confirmTestId="site-remove-confirm"
      onConfirm={() => void remove()}
      onCancel={onDone}
    >
      {failure && (
        <p className="form-error" role="alert">
          <FailureText lead={t('sites.removeFailed')} failure={failure} />
        </p>
      )}
    </ConfirmBar>
  );
}

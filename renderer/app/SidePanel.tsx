import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PresetsPanel } from '../features/presets/PresetsPanel';
import { TourPanel } from '../features/tour/TourPanel';
import { TreePanel } from '../features/tree/TreePanel';
import { useStores } from '../state/hooks';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { AreaCrashed } from './AreaCrashed';

const TABS = ['tree', 'presets', 'tour'] as const;
type Tab = (typeof TABS)[number];

/** The left side, as in the NVR clients: the site tree, the presets, the tours. */
export function SidePanel() {
  const { t } = useTranslation();
  const { tree } = useStores();
  const [tab, setTab] = useState<Tab>('tree');

  // "Show in the site tree" from a tile's menu brings the tree forward. Only a request does:
  // the highlight running out (located back to null, 3 s later) must not pull the operator
  // away from the presets or tours they have opened since.
  useEffect(
    () =>
      tree.located.subscribe(() => {
        if (tree.located.get() !== null) setTab('tree');
      }),
    [tree],
  );

  return (
    <>
      <div className="side-tabs" role="tablist" aria-label={t('tabs.label')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            data-testid={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            onClick={() => setTab(name)}
          >
            {t(`tabs.${name}`)}
          </button>
        ))}
      </div>
      <div className="side-body" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        <ErrorBoundary key={tab} fallback={(retry) => <AreaCrashed retry={retry} />}>
          {tab === 'tree' && <TreePanel />}
          {tab === 'presets' && <PresetsPanel />}
          {tab === 'tour' && <TourPanel />}
        </ErrorBoundary>
      </div>
    </>
  );
}

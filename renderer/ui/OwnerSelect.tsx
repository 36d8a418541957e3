import { useEffect } from 'react';
import type { Site } from '../../preload/api';
import { useCamerasView } from '../state/hooks';
import { SiteSelect } from './SiteSelect';

const OWNER_LEVELS: ReadonlySet<Site['level']> = new Set(['township', 'station']);

/** The townships and police stations that may own a preset or a tour (villages may not). */
export function useOwnerSites(): Site[] {
  const { sites } = useCamerasView();
  return sites.filter((site) => OWNER_LEVELS.has(site.level));
}

/** Picks the owning township or station; starts on the first one. */
export function OwnerSelect({ value, onChange, label }: { value: string; onChange: (siteId: string) => void; label: string }) {
  const owners = useOwnerSites();
  const first = owners[0]?.id ?? '';
  useEffect(() => {
    if (value === '' && first !== '') onChange(first);
  }, [value, first, onChange]);

  return <SiteSelect label={label} sites={owners} value={value} onChange={onChange} withLevel name="siteId" testId="owner-select" />;
}

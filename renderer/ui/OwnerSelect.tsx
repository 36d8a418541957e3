import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Site } from '../../preload/api';
import { useCamerasView } from '../state/hooks';
import { Field } from './Field';

const OWNER_LEVELS: ReadonlySet<Site['level']> = new Set(['township', 'station']);

/** The townships and police stations that may own a preset or a tour (villages may not). */
export function useOwnerSites(): Site[] {
  const { sites } = useCamerasView();
  return sites.filter((site) => OWNER_LEVELS.has(site.level));
}

/** Picks the owning township or station; starts on the first one. */
export function OwnerSelect({ value, onChange, label }: { value: string; onChange: (siteId: string) => void; label: string }) {
  const { t } = useTranslation();
  const owners = useOwnerSites();
  const first = owners[0]?.id ?? '';
  useEffect(() => {
    if (value === '' && first !== '') onChange(first);
  }, [value, first, onChange]);

  return (
    <Field label={label}>
      <select name="siteId" data-testid="owner-select" value={value} onChange={(event) => onChange(event.target.value)}>
        {owners.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name} · {t(`site.${site.level}`)}
          </option>
        ))}
      </select>
    </Field>
  );
}

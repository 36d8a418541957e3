import { useTranslation } from 'react-i18next';
import type { Site } from '../../preload/api';
import { Field } from './Field';

/** A site with how deep it sits in the tree (as siteRows and parentChoices give it). */
export interface SiteChoice {
  site: Site;
  depth: number;
}

interface Props {
  label: string;
  /** Sites in the order given, or tree rows, each indented under its parent. */
  sites: readonly (Site | SiteChoice)[];
  value: string;
  onChange(siteId: string): void;
  /** The first choice, value '' (ungrouped, all sites, no parent); left out when a site must be chosen. */
  emptyLabel?: string;
  /** Each name followed by its level ("青山镇 · 乡镇"). */
  withLevel?: boolean;
  name?: string;
  testId?: string;
}

/** Picks a site: every form and filter that chooses one shows the sites the same way. */
export function SiteSelect({ label, sites, value, onChange, emptyLabel, withLevel = false, name, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Field label={label}>
      <select name={name} data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {sites.map(choiceOf).map(({ site, depth }) => (
          <option key={site.id} value={site.id}>
            {siteChoiceLabel(site, depth, withLevel ? t(`site.${site.level}`) : null)}
          </option>
        ))}
      </select>
    </Field>
  );
}

const choiceOf = (item: Site | SiteChoice): SiteChoice => ('depth' in item ? item : { site: item, depth: 0 });

/** A full-width space per level keeps the tree readable in a plain select: "　东村 · 村". */
export function siteChoiceLabel(site: Pick<Site, 'name'>, depth: number, level: string | null): string {
  return `${'\u3000'.repeat(depth)}${site.name}${level === null ? '' : ` · ${level}`}`;
}

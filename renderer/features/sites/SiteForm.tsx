import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SITE_LEVELS, type Site, type SiteLevel } from '../../../preload/api';
import type { Failure } from '../../state/failure';
import { failureOf } from '../../state/failure';
import { useCamerasView, usePresetsView, useStores } from '../../state/hooks';
import { FormFooter } from '../../ui/FormFooter';
import { Field } from '../../ui/Field';
import { SiteSelect } from '../../ui/SiteSelect';
import { childLevel, ownsPresets, parentChoices } from './siteOptions';

/** A new site under `parentId`, or an existing `site` to rename, move, re-level or give a default preset. */
export type SiteFormTarget = { parentId: string | null } | { site: Site };

export function SiteForm({ target, onDone }: { target: SiteFormTarget; onDone: () => void }) {
  const { t } = useTranslation();
  const { api } = useStores();
  const { sites } = useCamerasView();
  const { presets } = usePresetsView();
  const editing = 'site' in target ? target.site : null;
  const parent = editing ? null : sites.find((s) => s.id === (target as { parentId: string | null }).parentId) ?? null;
  const [name, setName] = useState(editing?.name ?? '');
  const [level, setLevel] = useState<SiteLevel>(editing?.level ?? (parent ? childLevel(parent.level) : 'township'));
  const [parentId, setParentId] = useState<string>(editing?.parentId ?? parent?.id ?? '');
  const [defaultPresetId, setDefaultPresetId] = useState(editing?.defaultPresetId ?? '');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const parents = parentChoices(sites, level, editing?.id ?? null);
  const ownPresets = (presets ?? []).filter((p) => p.siteId === editing?.id);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const saved = await api.invoke('sites.save', { ...(editing ? { id: editing.id } : {}), name, level, parentId: parentId === '' ? null : parentId });
    let result = failureOf(saved);
    if (saved.ok && editing && ownsPresets(saved.value) && (editing.defaultPresetId ?? '') !== defaultPresetId) {
      result = failureOf(await api.invoke('sites.setDefaultPreset', { siteId: editing.id, presetId: defaultPresetId === '' ? null : defaultPresetId }));
    }
    setBusy(false);
    if (result) setFailure(result);
    else onDone();
  };

  return (
    <form className="side-form settings-form" data-testid="site-form" onSubmit={(event) => void submit(event)}>
      <h3>{editing ? t('sites.editSite', { name: editing.name }) : t('sites.newSite')}</h3>
      <Field label={t('settings.field.name')}>
        <input name="name" value={name} autoComplete="off" onChange={(e) => setName(e.target.value)} />
      </Field>
      <Field label={t('settings.field.level')}>
        <select name="level" value={level} onChange={(e) => setLevel(e.target.value as SiteLevel)}>
          {SITE_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`site.${l}`)}
            </option>
          ))}
        </select>
      </Field>
      <SiteSelect label={t('settings.field.parent')} sites={parents} value={parentId} onChange={setParentId} emptyLabel={t('sites.noParent')} name="parentId" />
      {editing && ownsPresets(editing) && ownPresets.length > 0 && (
        <Field label={t('sites.defaultPreset')}>
          <select name="defaultPresetId" value={defaultPresetId} onChange={(e) => setDefaultPresetId(e.target.value)}>
            <option value="">{t('sites.noDefault')}</option>
            {ownPresets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <FormFooter
        failure={failure}
        failedLead={t('sites.failed')}
        submit={{ label: busy ? t('sites.saving') : t('sites.save'), testId: 'site-form-submit', disabled: busy }}
        onCancel={onDone}
      />
    </form>
  );
}

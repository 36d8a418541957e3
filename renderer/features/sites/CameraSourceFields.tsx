import { useTranslation } from 'react-i18next';
import { RELAY_KINDS, type CameraView, type RelayKindName, type Site } from '../../../preload/api';
import { Field } from '../../ui/Field';
import { nearestRelay } from './siteOptions';

export type CameraSourceName = 'direct' | RelayKindName;
export interface CameraSourceValue {
  source: CameraSourceName;
  relayStream: string;
}

export const sourceOf = (camera: CameraView): CameraSourceValue => ({ source: camera.source ?? 'direct', relayStream: camera.relayStream ?? '' });

/** Whether `value` differs from what the camera has, so the editor saves it only when changed. */
export const sourceChanged = (camera: CameraView, value: CameraSourceValue) => {
  const now = sourceOf(camera);
  return now.source !== value.source || now.relayStream !== value.relayStream.trim();
};

/** Which way the camera is pulled: itself, or through the media server of its site or one above. */
export function CameraSourceFields({ camera, siteId, sites, value, onChange }: { camera: CameraView; siteId: string; sites: readonly Site[]; value: CameraSourceValue; onChange: (value: CameraSourceValue) => void }) {
  const { t } = useTranslation();
  const viaRelay = value.source !== 'direct';
  // Warn before saving a source nothing above the camera can serve (main would show it as a bad address).
  const unserved = viaRelay && nearestRelay(sites, siteId === '' ? null : siteId, value.source as RelayKindName) === null;
  return (
    <>
      <Field label={t('relay.source')}>
        <select name="source" value={value.source} onChange={(e) => onChange({ ...value, source: e.target.value as CameraSourceName })}>
          {(['direct', ...RELAY_KINDS] as const).map((source) => (
            <option key={source} value={source}>
              {t(`relay.sourceName.${source}`)}
            </option>
          ))}
        </select>
      </Field>
      {viaRelay && (
        <Field label={t('relay.stream')}>
          <input name="relayStream" value={value.relayStream} spellCheck={false} autoComplete="off" placeholder={t('relay.streamHint', { id: camera.id })} onChange={(e) => onChange({ ...value, relayStream: e.target.value })} />
        </Field>
      )}
      {unserved && (
        <p className="form-hint" data-testid="relay-unserved">
          {t('relay.noRelay')}
        </p>
      )}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { ChoiceSelect } from '../../ui/ChoiceSelect';
import { Field } from '../../ui/Field';

/**
 * What a site's two server settings (its media server, its recordings source) share: the kind of
 * server, or none, and a token that main keeps sealed and never sends back, so the field starts
 * empty and empty keeps the stored one unless "clear" is ticked. Both catalogues name the token's
 * words alike (`token`, `tokenKeep`, `tokenNone`, `clearToken`).
 */
export function KindSelect<K extends string>(props: { label: string; name: string; kinds: readonly K[]; value: K | ''; none: string; words: (kind: K) => string; onChange: (kind: K | '') => void }) {
  return (
    <Field label={props.label}>
      <ChoiceSelect name={props.name} choices={props.kinds} value={props.value} none={props.none} words={props.words} onChange={props.onChange} />
    </Field>
  );
}

export interface SealedToken {
  token: string;
  clear: boolean;
}

export const NO_TOKEN_TYPED: SealedToken = { token: '', clear: false };

/** The token as the form sends it: the one typed, null to clear the stored one, undefined to keep it. */
export const tokenToSend = ({ token, clear }: SealedToken): string | null | undefined => (token !== '' ? token : clear ? null : undefined);

export function SealedTokenField(props: {
  /** Whose words: the media server's or the recordings source's. */
  catalogue: 'relay' | 'playbackSource';
  name: string;
  clearName: string;
  /** A token is stored (it stays unless one is typed or "clear" is ticked). */
  stored: boolean;
  value: SealedToken;
  onChange: (value: SealedToken) => void;
  /** Said under the field, before the "clear" box. */
  hint?: string;
}) {
  const { t } = useTranslation();
  const { catalogue, value, onChange } = props;
  return (
    <>
      <Field label={t(`${catalogue}.token`)}>
        <input name={props.name} type="password" value={value.token} autoComplete="new-password" placeholder={t(props.stored ? `${catalogue}.tokenKeep` : `${catalogue}.tokenNone`)} onChange={(e) => onChange({ ...value, token: e.target.value })} />
      </Field>
      {props.hint && <p className="form-hint">{props.hint}</p>}
      {props.stored && (
        <label className="form-check">
          <input type="checkbox" name={props.clearName} checked={value.clear} disabled={value.token !== ''} onChange={(e) => onChange({ ...value, clear: e.target.checked })} />
          {t(`${catalogue}.clearToken`)}
        </label>
      )}
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccessState, useStores } from '../../state/hooks';
import { useNow } from '../../ui/useNow';
import { SetPinDialog } from './SetPinDialog';
import { UnlockDialog } from './UnlockDialog';
import './access.css';

/** The top bar's role: set-up (with "set the admin PIN"), operator (unlock), admin (minutes left, lock). */
export function AccessControls() {
  const { t } = useTranslation();
  const { access } = useStores();
  const state = useAccessState();
  useNow(10_000); // re-renders the minutes left
  const [dialog, setDialog] = useState<'unlock' | 'setPin' | null>(null);
  if (!state) return null;
  const role = state.setup ? 'setup' : state.role;
  const person = state.person;
  // Someone may unlock in their own name whenever no one has; the console's PIN needs a PIN set.
  const mayUnlock = person === null && (role === 'operator' || (role === 'setup' && state.operators.length > 0));
  // Date.now(), not the tick's time: right after an unlock the tick may be up to 10 s old.
  const minutes = state.adminUntil === null ? null : Math.max(1, Math.ceil((state.adminUntil - Date.now()) / 60_000));

  return (
    <div className="access-controls">
      <span className="scope-name" data-testid="scope-name" title={t('access.scopeTitle')}>
        {state.scope ? state.scope.name : t('access.noScope')}
      </span>
      {/* A person signed in as an operator is named in place of the role word: the top bar has no room for both at 1280. */}
      <span className="role-badge" data-testid="role-badge" data-role={role} title={[person && `${person.unit} ${person.badge}`.trim(), t(`access.roleHint.${role}`)].filter(Boolean).join(' · ')}>
        {person && (
          <span className="person-name" data-testid="person-name" data-person-id={person.id}>
            {person.name}
          </span>
        )}
        {person && role === 'operator' ? null : (
          <>
            {person ? ' · ' : ''}
            {role === 'admin' && minutes !== null ? t('access.adminFor', { minutes }) : t(`access.role.${role}`)}
          </>
        )}
      </span>
      {role === 'setup' && (
        <button type="button" className="primary" data-testid="set-pin-button" onClick={() => setDialog('setPin')}>
          {t('access.setPin')}
        </button>
      )}
      {mayUnlock && (
        <button type="button" data-testid="unlock-button" onClick={() => setDialog('unlock')}>
          {t('access.unlock')}
        </button>
      )}
      {(role === 'admin' || person !== null) && (
        <button type="button" data-testid="lock-button" title={t('access.lockHint')} onClick={() => void access.lock()}>
          {t('access.lock')}
        </button>
      )}
      {dialog === 'unlock' && <UnlockDialog onClose={() => setDialog(null)} />}
      {dialog === 'setPin' && <SetPinDialog onClose={() => setDialog(null)} />}
    </div>
  );
}

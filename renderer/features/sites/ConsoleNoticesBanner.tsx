import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsoleNotice } from '../../../preload/api';
import { useAppInfo } from '../../state/hooks';
import { NoticeBanner } from '../../ui/NoticeBanner';

const keyOf = (notice: ConsoleNotice) => `${notice.kind}:${notice.path ?? ''}:${notice.from ?? ''}`;

/** What the console found wrong with its own records and logs: a power cut's half line, records missing, a folder it cannot write. */
export function ConsoleNoticesBanner() {
  const { t } = useTranslation();
  const notices = useAppInfo()?.notices ?? [];
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  return (
    <>
      {notices
        .filter((notice) => !dismissed.has(keyOf(notice)))
        .map((notice) => (
          <NoticeBanner
            key={keyOf(notice)}
            testId="console-notice"
            kind={notice.kind}
            sentence={t(`consoleNotice.${notice.kind}`, { from: notice.from ?? '', to: notice.to ?? '', problem: notice.problem ? t(`diskProblem.${notice.problem}`) : '' })}
            dismissLabel={t('consoleNotice.dismiss')}
            onDismiss={() => setDismissed((d) => new Set(d).add(keyOf(notice)))}
            details={
              <>
                {notice.path && <p>{t('consoleNotice.path', { path: notice.path })}</p>}
                <pre className="failure-message">{notice.detail}</pre>
              </>
            }
          />
        ))}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { useObservable, useStores } from '../../state/hooks';
import { Dialog } from '../../ui/Dialog';

/** Closing a tile whose camera records: stop the clip, or let it run on (then shown under 录像中 in the top bar). */
export function CloseRecordingDialog() {
  const { t } = useTranslation();
  const { closer } = useStores();
  const question = useObservable(closer.question);
  if (!question) return null;
  return (
    <Dialog title={t('wall.closeRecording.title')} testId="close-recording" onClose={() => closer.answer(null)}>
      <p>{t('wall.closeRecording.question', { name: question.cameraName })}</p>
      <div className="form-actions">
        <button type="button" className="primary" data-testid="close-stop-clip" data-autofocus onClick={() => closer.answer('stop')}>
          {t('wall.closeRecording.stop')}
        </button>
        <button type="button" data-testid="close-keep-clip" onClick={() => closer.answer('keep')}>
          {t('wall.closeRecording.keep')}
        </button>
        <button type="button" onClick={() => closer.answer(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}

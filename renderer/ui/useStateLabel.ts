import { useTranslation } from 'react-i18next';
import type { ProbeOutcome, StreamStatus } from '../../preload/api';
import { reasonOf, type Reason } from './reasons';

/** The catalogue word for a stream's state, e.g. "重连中（第 3 次）", or its reason ("地址不可达"), as 测试连接 says it. */
export function useStateLabel(): (status: Pick<StreamStatus, 'state' | 'attempt'>, viaRelay: boolean) => string {
  const { t } = useTranslation();
  return ({ state, attempt }, viaRelay) => {
    const reason = reasonOf(state, viaRelay);
    if (reason) return t(`reason.name.${reason}`);
    // Every failure state is a reason (reasons.test.ts): what is left has a `state.*` word.
    const plain = state as Exclude<StreamStatus['state'], Reason>;
    return plain === 'reconnecting' ? t('state.reconnecting', { attempt: Math.max(1, attempt) }) : t(`state.${plain}`);
  };
}

/** A reason with its hint, "地址不可达（IP、端口或网络不通）". */
export function useReasonSentence(): (reason: Reason) => string {
  const { t } = useTranslation();
  return (reason) => t('reason.withHint', { reason: t(`reason.name.${reason}`), hint: t(`reason.hint.${reason}`) });
}

/** A connection test's outcome in words: "连接正常", or its reason with the hint. */
export function useProbeWords(): (outcome: ProbeOutcome, viaRelay: boolean) => string {
  const { t } = useTranslation();
  const sentence = useReasonSentence();
  return (outcome, viaRelay) => {
    const reason = reasonOf(outcome, viaRelay);
    return reason ? sentence(reason) : t('settings.probe.ok');
  };
}

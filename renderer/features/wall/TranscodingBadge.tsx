import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamStatus } from '../../../preload/api';
import { hevcDecoderRefusal } from '../../lib/hevc';

/**
 * 转码中, and why on hover: this PC has no decoder for the camera's codec, or (H.265) its decoder
 * said it had one and then refused the camera's picture, with the decoder's own words.
 */
export function TranscodingBadge({ status }: { status: Pick<StreamStatus, 'transcoding' | 'cameraCodec'> }) {
  const { t } = useTranslation();
  const refusal = useSyncExternalStore(hevcDecoderRefusal.subscribe, hevcDecoderRefusal.get);
  if (!status.transcoding) return null;
  const refused = refusal !== null && status.cameraCodec === 'hevc';
  return (
    <span
      className="tile-badge"
      data-testid="tile-transcoding"
      data-why={refused ? 'hevc-refused' : 'no-decoder'}
      title={refused ? t('tile.transcodingWhyHevcRefused', { detail: refusal }) : t('tile.transcodingWhy')}
    >
      {t('tile.transcoding')}
    </span>
  );
}

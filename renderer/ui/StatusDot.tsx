import type { StreamState } from '../../preload/api';
import { STATE_TONE } from './streamTone';

export function StatusDot({ state }: { state: StreamState }) {
  return <span className="status-dot" data-tone={STATE_TONE[state]} aria-hidden="true" />;
}

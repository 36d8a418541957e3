/**
 * The headless transport: `/api` WebSocket frames carrying the same calls and push events as
 * Electron IPC, answered by the same dispatch.
 */
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { API_PATH, type ApiCallFrame, type ApiServerFrame } from '../preload/api.js';
import type { UpgradeRoute } from './engine/loopbackServer.js';
import type { Services } from './services.js';

function parseFrame(data: unknown): ApiCallFrame | null {
  try {
    const frame = JSON.parse(String(data)) as Partial<ApiCallFrame>;
    if (typeof frame.id !== 'number' || !Number.isSafeInteger(frame.id) || typeof frame.channel !== 'string') return null;
    return { id: frame.id, channel: frame.channel, payload: frame.payload };
  } catch {
    return null;
  }
}

export function createApiRoute(services: Pick<Services, 'dispatch' | 'onPush' | 'callerGone'>): UpgradeRoute {
  return {
    match: (pathname) => (pathname === API_PATH ? {} : null),
    accept(socket: WebSocket) {
      const callerId = `ws-${randomBytes(8).toString('hex')}`;
      const send = (frame: ApiServerFrame) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
      };
      const unsubscribe = services.onPush((event, payload) => send({ event, payload }));
      socket.on('message', async (data) => {
        const frame = parseFrame(data);
        if (!frame) {
          socket.close(1003, 'malformed frame');
          return;
        }
        send({ id: frame.id, result: await services.dispatch(frame.channel, frame.payload, callerId) });
      });
      socket.once('close', () => {
        unsubscribe();
        services.callerGone(callerId);
      });
    },
  };
}

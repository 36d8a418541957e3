/**
 * Carries the contract's calls over Electron IPC to the shared dispatch: one handler per channel,
 * the sender checked first, and the caller named after its window. It names only the shapes it
 * uses from Electron (ipcMain is one), so tests drive it with a stand-in for the one boundary
 * that cannot run here.
 */
import { CHANNELS, type Result } from '../../preload/api.js';
import type { Dispatch } from './router.js';

export interface InvokeEvent {
  sender: { id: number };
}

export interface IpcHandlerHost<E extends InvokeEvent> {
  handle(channel: string, listener: (event: E, payload: unknown) => unknown): void;
  removeHandler(channel: string): void;
}

export function bindIpc<E extends InvokeEvent>(ipcMain: IpcHandlerHost<E>, dispatch: Dispatch, senderAllowed: (event: E) => boolean): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload): Promise<Result<unknown>> | Result<unknown> =>
      senderAllowed(event)
        ? dispatch(channel, payload, `win-${event.sender.id}`)
        : { ok: false, code: 'forbidden', message: 'sender not allowed' },
    );
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

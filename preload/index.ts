/**
 * The Electron preload: exposes `window.wallBridge`, one function per call of the contract and a
 * push subscription filtered to the contract's events. The page never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, PUSH_CHANNEL, PUSH_EVENTS, type PushEvent, type WallBridge } from './api';

const call = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (payload?: unknown) => ipcRenderer.invoke(channel, payload)]),
) as WallBridge['call'];

const bridge: WallBridge = {
  call,
  on(event: PushEvent, listener: (payload: unknown) => void) {
    if (!PUSH_EVENTS.includes(event)) throw new Error(`unknown event ${String(event)}`);
    const handler = (_e: IpcRendererEvent, message: { event: PushEvent; payload: unknown }) => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on(PUSH_CHANNEL, handler);
    return () => ipcRenderer.off(PUSH_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('wallBridge', bridge);

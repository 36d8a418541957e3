import type { Channel, PushEvent, Request, Response, Result, WallApi, WallBridge } from '../../preload/api';
import { unavailable } from './unavailable';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page is served by the headless host. */
    wallBridge?: WallBridge;
  }
}

export function createElectronTransport(bridge: WallBridge): WallApi {
  return {
    async invoke<C extends Channel>(channel: C, payload?: Request<C>): Promise<Result<Response<C>>> {
      // TypeScript cannot correlate `call[C]` with `C` through the mapped type; the contract guarantees it.
      const call = bridge.call[channel] as (p?: Request<C>) => Promise<Result<Response<C>>>;
      try {
        return await call(payload);
      } catch (error) {
        return unavailable(error instanceof Error ? error.message : String(error));
      }
    },
    on(event: PushEvent, listener: (payload: never) => void) {
      return bridge.on(event, listener as (payload: unknown) => void);
    },
  } as WallApi;
}

/**
 * Calling the API in tests as the page does: `call` expects success, `refusal` the code and
 * message of a refusal, `failure` the whole refusal (its detail too). Every answer is kept in
 * `seen`, so a test can show that no secret ever left main.
 */
import type { Channel, Request, Response } from '../../preload/api.js';
import type { Services } from '../services.js';

export function apiCalls(services: () => Services) {
  const seen: string[] = [];
  const dispatch = async (channel: Channel, payload: unknown) => {
    const result = await services().dispatch(channel, payload, 'test');
    seen.push(JSON.stringify(result));
    return result;
  };
  return {
    seen,
    async call<C extends Channel>(channel: C, payload?: Request<C>): Promise<Response<C>> {
      const result = await dispatch(channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.code} ${result.message}`);
      return result.value as Response<C>;
    },
    async refusal(channel: Channel, payload: unknown) {
      const result = await dispatch(channel, payload);
      return result.ok ? null : { code: result.code, message: result.message };
    },
    async failure(channel: Channel, payload: unknown) {
      const result = await dispatch(channel, payload);
      return result.ok ? null : result;
    },
  };
}

/**
 * The one door every API call comes through, whichever transport carried it: unknown channels
 * are refused, payloads are validated against the contract's schema, handlers' results are
 * wrapped as `{ok:true,value}` and anything they throw becomes `{ok:false,...}` — never a crash.
 */
import { CHANNELS, type Channel, type ErrorCode, type Response, type Result } from '../../preload/api.js';
import { describeIssues } from '../contract/issueProblem.js';
import { requestSchema, type ParsedRequest } from '../contract/requests.js';
import type { Logger } from '../lib/logger.js';

/** A refusal a handler can throw with a code from the closed set. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** Who is calling: one id per window (Electron) or per browser connection (headless). */
export interface CallContext {
  callerId: string;
}

export type Handler<C extends Channel> = (payload: ParsedRequest<C>, call: CallContext) => Response<C> | Promise<Response<C>>;
export type HandlerTable = { [C in Channel]: Handler<C> };

export type Dispatch = (channel: unknown, payload: unknown, callerId: string) => Promise<Result<unknown>>;

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as string[]).includes(value);
}

/** Refuses a call before its handler runs (the admin-only calls), or lets it through (null). */
export type Guard = (channel: Channel, callerId: string) => Result<never> | null;

export function createDispatch(handlers: HandlerTable, log: Logger, guard: Guard = () => null): Dispatch {
  return async (channel, payload, callerId) => {
    if (!isChannel(channel)) return { ok: false, code: 'bad_request', message: `unknown call: ${String(channel).slice(0, 64)}` };
    const refused = guard(channel, callerId);
    if (refused) return refused;
    const parsed = requestSchema(channel).safeParse(payload);
    if (!parsed.success) {
      // `field:problem` for the UI's catalogue; zod's own words go to the details.
      return { ok: false, code: 'bad_request', ...describeIssues(parsed.error.issues) };
    }
    try {
      const handler = handlers[channel] as (p: unknown, call: CallContext) => unknown;
      return { ok: true, value: await handler(parsed.data, { callerId }) };
    } catch (error) {
      if (error instanceof ApiError) {
        return { ok: false, code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) };
      }
      log.error('handler failed', { channel, error: error instanceof Error ? error.message : String(error) });
      return { ok: false, code: 'internal', message: 'internal error' };
    }
  };
}

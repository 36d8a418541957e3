import type { ErrorCode, Result } from '../../preload/api';

/** The failed half of a `Result`, as kept in a store for the UI to explain. */
export interface Failure {
  code: ErrorCode;
  message: string;
  detail?: string;
}

export function failureOf(result: Result<unknown>): Failure | null {
  if (result.ok) return null;
  return { code: result.code, message: result.message, detail: result.detail };
}

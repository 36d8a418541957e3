const STORAGE_KEY = 'village-wall.token';

/** Splits `?token=…` out of a query string, keeping every other parameter. */
export function splitToken(search: string): { token: string | null; rest: string } {
  const params = new URLSearchParams(search);
  const token = params.get('token');
  params.delete('token');
  const rest = params.toString();
  return { token: token === '' ? null : token, rest: rest === '' ? '' : `?${rest}` };
}

/**
 * The headless console prints a URL with `?token=`. Keep the token for this tab only and take it
 * out of the address bar, so it is not left in history or on a screenshot of the wall.
 */
export function takeSessionToken(): string | null {
  const { token, rest } = splitToken(location.search);
  if (token !== null) {
    sessionStorage.setItem(STORAGE_KEY, token);
    history.replaceState(history.state, '', `${location.pathname}${rest}${location.hash}`);
    return token;
  }
  return sessionStorage.getItem(STORAGE_KEY);
}

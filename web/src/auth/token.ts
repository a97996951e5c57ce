/** The API token lives in sessionStorage: entered once per tab, gone when the tab closes. */
const KEY = 'vigil.token';

export function loadToken(): string | null {
  try {
    const t = window.sessionStorage.getItem(KEY);
    return t !== null && t !== '' ? t : null;
  } catch {
    return null; // storage disabled: ask every time
  }
}

export function saveToken(token: string): void {
  try {
    window.sessionStorage.setItem(KEY, token);
  } catch {
    // storage disabled: the token lives only in memory for this page load
  }
}

export function clearToken(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}

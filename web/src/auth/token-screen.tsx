import { useState, type FormEvent } from 'react';
import { ApiClient, ApiError } from '../api/client.js';

/**
 * Asks for an API token once per browser tab and checks it against the server before accepting it.
 * `reason` explains why the user is here again (the server refused the stored token).
 */
export function TokenScreen({
  reason,
  onAccept,
}: {
  reason: string | null;
  onAccept: (token: string) => void;
}) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const t = token.trim();
    if (t === '') {
      setError('Enter the API token.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await new ApiClient(t, () => undefined).get('/api/v1/nodes');
      onAccept(t);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? 'The server refused this token.'
          : err instanceof Error
            ? err.message
            : String(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="token-screen" data-testid="token-screen">
      <form className="card token-card" onSubmit={(e) => void submit(e)}>
        <h1>
          <span className="logo" aria-hidden="true">
            ◆
          </span>{' '}
          Vigil
        </h1>
        <p className="muted">Security monitoring for Kubernetes. Enter an API token to continue.</p>
        {reason !== null && (
          <p className="state error" role="alert">
            {reason}
          </p>
        )}
        <label htmlFor="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          autoFocus
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <p className="hint">
          <code>vigil up</code> writes it to <code>DATA_DIR/token</code>; a server reads its tokens from{' '}
          <code>--token-file</code> or <code>VIGIL_TOKENS</code>. It is kept in this tab's session storage
          only.
        </p>
        {error !== null && (
          <p className="state error" role="alert" data-testid="token-error">
            {error}
          </p>
        )}
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

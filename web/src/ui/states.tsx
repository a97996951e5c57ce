import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state empty">{children}</div>;
}

/** An error as the user should read it: the server's message, and each bad field it names. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div className="state error" role="alert">
      <strong>{error instanceof ApiError && error.status > 0 ? `Error ${error.status}: ` : 'Error: '}</strong>
      {message}
      {details.length > 0 && (
        <ul>
          {details.map((d) => (
            <li key={d.path + d.message}>
              <code>{d.path}</code> {d.message}
            </li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="btn small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

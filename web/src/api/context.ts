import { createContext, useContext } from 'react';
import type { ApiClient } from './client.js';
import type { StreamState } from './events.js';

export const ApiContext = createContext<ApiClient | null>(null);

/** The signed-in API client; only pages under the token gate call this. */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside the signed-in app');
  return api;
}

/** Live-update counters: each bumps when the event stream reports new data of that kind. */
export interface Live {
  state: StreamState;
  alerts: number;
  samples: number;
}

export const LiveContext = createContext<Live>({ state: 'stopped', alerts: 0, samples: 0 });

export function useLive(): Live {
  return useContext(LiveContext);
}

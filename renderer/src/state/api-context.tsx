/**
 * The API client reaches components through this context, never through globals.
 */
import { createContext, useContext } from 'react';
import type { ApiClient } from '../lib/api-client';

export const ApiContext = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('ApiContext is missing: wrap the app in <ApiContext.Provider>');
  return client;
}

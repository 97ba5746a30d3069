/**
 * The few parts of an Express request/response the platform touches. `@types/express` is not a
 * dependency of the workspace, so these structural types keep the platform strictly typed
 * without it.
 */
export interface HttpRequestLike {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  baseUrl?: string;
  route?: { path?: unknown };
}

/** @see HttpRequestLike */
export interface HttpResponseLike {
  statusCode: number;
  headersSent: boolean;
  writableFinished?: boolean;
  setHeader(name: string, value: string): unknown;
  getHeader(name: string): unknown;
  once(event: 'finish' | 'close', listener: () => void): unknown;
}

/** Express-style `next` callback. */
export type NextFn = (error?: unknown) => void;

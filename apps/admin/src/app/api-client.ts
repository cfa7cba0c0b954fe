import type { ErrorBody, ErrorCode } from '@frontdesk/contracts';

/** An error answer of the API, in the contract's one shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network_error';
  /** `message` as a list: validation failures carry one entry per problem. */
  readonly messages: string[];
  readonly body: Partial<ErrorBody>;

  constructor(status: number, body: Partial<ErrorBody>) {
    const messages = Array.isArray(body.message) ? body.message : [body.message ?? `Request failed (${status})`];
    super(messages.join('; '));
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? 'internal_error';
    this.messages = messages;
    this.body = body;
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Extra headers of one request (e.g. `idempotency-key`). */
export interface RequestOptions {
  headers?: Record<string, string>;
}

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  /** A file the API answers with (e.g. a CSV export), as it came. */
  download(path: string, query?: Query): Promise<Blob>;
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  delete<T = void>(path: string): Promise<T>;
}

export interface ApiClientOptions {
  token?: string | null;
  /** Sent as X-Tenant-Id: a super-admin acting on one tenant. */
  tenantId?: string | null;
  /** Called when a signed-in request answers 401 (expired or revoked token). */
  onUnauthorized?: () => void;
  baseUrl?: string;
}

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const base = options.baseUrl ?? '/api/v1';

  async function send(method: string, path: string, body?: unknown, query?: Query, extra?: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...extra?.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.tenantId) headers['x-tenant-id'] = options.tenantId;
    let response: Response;
    try {
      response = await fetch(`${base}${path}${queryString(query)}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, {
        code: 'network_error' as ErrorCode,
        message: 'Cannot reach the server. Check the connection and try again.',
      });
    }
    if (!response.ok) {
      if (response.status === 401 && options.token) options.onUnauthorized?.();
      const text = await response.text();
      const data: unknown = text ? safeJson(text) : undefined;
      throw new ApiError(response.status, data && typeof data === 'object' ? data : { message: text });
    }
    return response;
  }

  async function request<T>(method: string, path: string, body?: unknown, query?: Query, extra?: RequestOptions): Promise<T> {
    const response = await send(method, path, body, query, extra);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? safeJson(text) : undefined) as T;
  }

  return {
    get: (path, query) => request('GET', path, undefined, query),
    download: async (path, query) => (await send('GET', path, undefined, query, { headers: { accept: '*/*' } })).blob(),
    post: (path, body, options) => request('POST', path, body ?? {}, undefined, options),
    put: (path, body) => request('PUT', path, body),
    patch: (path, body) => request('PATCH', path, body),
    delete: (path) => request('DELETE', path),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

import type { Problem } from '@leeway/contracts';

export type FieldIssue = { field: string; message: string };

/** A failed API call, carrying the RFC 9457 problem the server sent (or one made up for network failures). */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldIssue[];

  constructor(problem: Pick<Problem, 'status' | 'title' | 'detail'> & { errors?: FieldIssue[] }) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }

  /** The message for one input, matched on the field name the server reports (`email`, `answers.energy`). */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

type Query = Record<string, string | number | undefined>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

/** A same-origin API address with its query string, for links (downloads) rather than `fetch`. */
export function apiPath(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function problemOf(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return new ApiError({
        status: response.status,
        title: body.title ?? response.statusText,
        detail: body.detail ?? body.title ?? `The server answered ${response.status}.`,
        errors: body.errors,
      });
    } catch {
      // fall through to the generic problem below
    }
  }
  return new ApiError({
    status: response.status,
    title: response.statusText || 'Request failed',
    detail:
      response.status >= 500
        ? 'Something went wrong on our side. Please try again in a moment.'
        : `The request failed (${response.status}).`,
  });
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal } = options;
  let response: Response;
  try {
    response = await fetch(apiPath(path, query), {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json, application/problem+json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      title: 'Network error',
      detail: 'Could not reach Leeway. Check your connection and try again.',
    });
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

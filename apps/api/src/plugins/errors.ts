import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  AppError,
  type ErrorCode,
  errorStatus,
  errorTitle,
  type FieldIssue,
  isDatabaseUnavailable,
} from '../lib/errors.ts';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldOf(issue: AjvIssue, context: string | undefined): string {
  const path = issue.instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (issue.keyword === 'required' && typeof issue.params.missingProperty === 'string') {
    path.push(issue.params.missingProperty);
  }
  if (
    issue.keyword === 'additionalProperties' &&
    typeof issue.params.additionalProperty === 'string'
  ) {
    path.push(issue.params.additionalProperty);
  }
  return path.length > 0 ? path.join('.') : (context ?? 'body');
}

function messageOf(issue: AjvIssue): string {
  switch (issue.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not allowed';
    case 'type':
      return `must be ${String(issue.params.type)}`;
    default:
      return issue.message ?? 'is invalid';
  }
}

export function validationIssues(error: FastifyError): FieldIssue[] {
  const issues = (error.validation ?? []) as AjvIssue[];
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    // anyOf/oneOf produce one issue per branch plus a summary; keep the first per field.
    if (issue.keyword === 'anyOf' || issue.keyword === 'oneOf') continue;
    const field = fieldOf(issue, error.validationContext);
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: messageOf(issue) });
  }
  if (out.length === 0)
    out.push({ field: error.validationContext ?? 'body', message: 'is invalid' });
  return out;
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  detail: string,
  errors?: FieldIssue[],
  status: number = errorStatus[code],
) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: `https://leeway.example/problems/${code.replace(/_/g, '-')}`,
      title: errorTitle[code],
      status,
      detail,
      instance: request.url.split('?')[0],
      ...(errors ? { errors } : {}),
    });
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
};

const statusCodes: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

async function errors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500)
        request.log.error({ err: loggable(error.cause ?? error) }, error.detail);
      return sendProblem(reply, request, error.code, error.detail, error.errors);
    }
    if (error.validation) {
      const issues = validationIssues(error);
      const detail = issues.map((i) => `${i.field} ${i.message}`).join('; ');
      return sendProblem(reply, request, 'validation', detail, issues);
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    const status = error.statusCode ?? 500;
    if (known)
      return sendProblem(reply, request, known, error.message, undefined, errorStatus[known]);
    if (status >= 400 && status < 500) {
      const code = statusCodes[status] ?? 'bad_request';
      return sendProblem(reply, request, code, error.message, undefined, status);
    }
    request.log.error({ err: loggable(error) }, 'request failed');
    if (isDatabaseUnavailable(error)) {
      return sendProblem(
        reply,
        request,
        'unavailable',
        'The database is unavailable; try again shortly.',
      );
    }
    return sendProblem(
      reply,
      request,
      'internal',
      'Something went wrong on our side. It has been logged.',
    );
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      request,
      'not_found',
      `No route ${request.method} ${request.url.split('?')[0]}.`,
    ),
  );
}

/**
 * A failed query as logged: the statement and the driver's error, never the parameters, which
 * can be someone's answers or comment (Drizzle's own message carries them, so it is replaced).
 */
function loggable(error: unknown): unknown {
  const failed = error as { name?: string; query?: unknown; params?: unknown; cause?: unknown };
  if (!(error instanceof Error) || !('params' in failed)) return error;
  const cause = failed.cause as { name?: string; code?: unknown; message?: string } | undefined;
  return {
    type: failed.name,
    message: 'Failed query',
    query: failed.query,
    cause: cause && { type: cause.name, code: cause.code, message: cause.message },
  };
}

export default fp(errors, { name: 'errors' });

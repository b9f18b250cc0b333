import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorStatus, type ErrorCode } from '../errors.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown): FastifyReply {
  return reply.code(errorStatus[code]).send({ error: { code, message, details } } satisfies ErrorBody);
}

/** Maps every failure to the one error shape; never sends a stack trace. */
export function errorHandler(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof AppError) return sendError(reply, err.code, err.message, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = (err as any).validation.map((v: any) => ({
      field: [(err as any).validationContext, ...(v.params?.issue?.path ?? v.instancePath?.split('/').filter(Boolean) ?? [])].join('.'),
      message: v.message,
    }));
    const first = issues[0];
    return sendError(reply, 'VALIDATION', `${first?.field ?? 'request'}: ${first?.message ?? 'invalid'}`, { issues });
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_BAD_URL') {
    return sendError(reply, 'VALIDATION', 'params: 路径含无效的编码 (the URL path is not valid percent-encoded UTF-8)', { field: 'params' });
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
    return sendError(reply, 'PAYLOAD_TOO_LARGE', '请求体过大 (request body too large)');
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.statusCode === 415) {
    return sendError(reply, 'UNSUPPORTED_MEDIA_TYPE', `不支持的内容类型 (unsupported content type): ${req.headers['content-type'] ?? 'none'}`);
  }
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message))) {
    return sendError(reply, 'BAD_JSON', `请求体不是有效的 JSON (malformed JSON body): ${fe.message}`);
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode = fe.statusCode === 404 ? 'NOT_FOUND' : fe.statusCode === 401 ? 'UNAUTHENTICATED' : fe.statusCode === 403 ? 'FORBIDDEN' : fe.statusCode === 429 ? 'RATE_LIMITED' : 'VALIDATION';
    return sendError(reply, code, fe.message);
  }
  // PostgreSQL's data exceptions (SQLSTATE class 22: a date out of range, a bad number, an invalid
  // byte sequence) are bad input that got past the schemas: 400, never 500
  const sqlState = (err as { code?: unknown }).code;
  if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
    req.log.warn({ sqlState, url: req.routeOptions.url }, 'data exception from the database');
    return sendError(reply, 'VALIDATION', '请求中的值无效 (a value in the request is not valid)', { sqlState });
  }
  req.log.error({ err }, 'unhandled error');
  return sendError(reply, 'INTERNAL', '服务器内部错误 (internal error)');
}

// Maps every error to the API's one error shape, in Chinese and English. The only place that
// turns error codes into HTTP statuses; 5xx texts never reach the client.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, splitBilingual, statusOf, type FieldProblem } from './errors.ts';

interface ZodIssueLike {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  expected?: string;
  received?: string;
  keys?: string[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  values?: unknown[];
  format?: string;
}

const typeNamesZh: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '布尔值',
  object: '对象',
  array: '数组',
  date: '日期',
};

/** Translates one zod issue into a field problem with a Chinese and an English message. */
export function describeZodIssue(issue: ZodIssueLike, location: string): FieldProblem[] {
  const path = (issue.path ?? []).map(String).join('.');
  const field = path ? path : location;
  switch (issue.code) {
    case 'unrecognized_keys':
      return (issue.keys ?? []).map((key) => ({
        field: path ? `${path}.${key}` : key,
        message: '不允许的字段',
        messageEn: 'unknown field',
      }));
    case 'invalid_type': {
      const missing = issue.message?.includes('received undefined');
      if (missing) return [{ field, message: '必填', messageEn: 'required' }];
      const expected = issue.expected ?? 'value';
      return [
        {
          field,
          message: `应为${typeNamesZh[expected] ?? expected}`,
          messageEn: `expected ${expected}`,
        },
      ];
    }
    case 'too_small':
      return [
        issue.origin === 'string'
          ? { field, message: `至少 ${issue.minimum} 个字符`, messageEn: `must have at least ${issue.minimum} characters` }
          : issue.origin === 'array'
            ? { field, message: `至少 ${issue.minimum} 项`, messageEn: `must have at least ${issue.minimum} items` }
            : { field, message: `不能小于 ${issue.minimum}`, messageEn: `must be at least ${issue.minimum}` },
      ];
    case 'too_big':
      return [
        issue.origin === 'string'
          ? { field, message: `最多 ${issue.maximum} 个字符`, messageEn: `must have at most ${issue.maximum} characters` }
          : issue.origin === 'array'
            ? { field, message: `最多 ${issue.maximum} 项`, messageEn: `must have at most ${issue.maximum} items` }
            : { field, message: `不能大于 ${issue.maximum}`, messageEn: `must be at most ${issue.maximum}` },
      ];
    case 'invalid_value':
      return [
        {
          field,
          message: `取值应为 ${(issue.values ?? []).map(String).join(' / ')}`,
          messageEn: `must be one of ${(issue.values ?? []).map(String).join(', ')}`,
        },
      ];
    case 'invalid_format': {
      // zod's own texts all start with "Invalid"; anything else is the schema's message.
      if (issue.message && !issue.message.startsWith('Invalid')) {
        const own = splitBilingual(issue.message);
        return [{ field, message: own.messageZh ?? `格式不正确：${own.messageEn}`, messageEn: own.messageEn }];
      }
      return [{ field, message: `格式不正确（${issue.format ?? ''}）`, messageEn: `invalid format (${issue.format ?? ''})` }];
    }
    default:
      return [{ field, message: issue.message ?? '取值不正确', messageEn: issue.message ?? 'invalid value' }];
  }
}

/** Builds the error body the client receives. */
function errorBody(error: AppError) {
  return {
    error: {
      code: error.code,
      message: error.messageZh,
      messageEn: error.messageEn,
      ...(error.details ? { details: error.details } : {}),
      ...(error.extra ?? {}),
    },
  };
}

/** The body of a 404 for a path no route serves. */
export function noRouteBody(method: string, url: string) {
  return errorBody(new AppError('NOT_FOUND', `接口不存在：${method} ${url}`, `No such endpoint: ${method} ${url}`));
}

/** Installs the error handler on the app. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((rawError: FastifyError | AppError, request, reply) => {
    const error = toAppError(rawError);
    const status = statusOf(error.code);
    if (status >= 500) request.log.error({ err: rawError }, 'request failed');
    else request.log.info({ code: error.code, details: error.details }, 'request refused');
    reply.status(status).send(errorBody(error));
  });
}

function toAppError(error: FastifyError | AppError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body';
    const details = error.validation.flatMap((item) =>
      describeZodIssue(
        {
          ...(item.params as ZodIssueLike),
          code: item.keyword,
          message: item.message,
          path: item.instancePath.split('/').filter(Boolean),
        },
        location,
      ),
    );
    const summaryZh = details.map((item) => `${item.field}：${item.message}`).join('；');
    const summaryEn = details.map((item) => `${item.field}: ${item.messageEn}`).join('; ');
    return new AppError('VALIDATION', summaryZh, summaryEn, { details });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', '请求体过大', 'Request body too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型', 'Unsupported content type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('BAD_REQUEST', '请求体为空', 'Body is empty', {
        details: [{ field: 'body', message: '请求体为空', messageEn: 'body is empty' }],
      });
  }
  if (error.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', '请求体过大', 'Request body too large');
  if (error.statusCode === 429) return new AppError('RATE_LIMITED', '请求过于频繁，请稍后再试', 'Too many requests; try again later');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const isJson = error instanceof SyntaxError || /JSON/i.test(error.message);
    return isJson
      ? new AppError('BAD_REQUEST', `JSON 格式错误：${error.message}`, `Malformed JSON: ${error.message}`, {
          details: [{ field: 'body', message: 'JSON 格式错误', messageEn: 'malformed JSON' }],
        })
      : new AppError('BAD_REQUEST', `请求无效：${error.message}`, `Bad request: ${error.message}`);
  }
  return new AppError('INTERNAL', '服务器内部错误', 'Internal server error');
}

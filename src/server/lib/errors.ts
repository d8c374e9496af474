// The one error vocabulary of the API: a closed set of codes, each mapped to an HTTP status
// in exactly one place (statusOf). Domain code throws AppError, never an HTTP error.

export const errorStatus = {
  /** The request's shape or values are wrong; details name each field. */
  VALIDATION: 400,
  /** The body could not be read (malformed JSON, unreadable file). */
  BAD_REQUEST: 400,
  /** No valid session. */
  UNAUTHENTICATED: 401,
  /** Signed in, but the role may not do this. */
  FORBIDDEN: 403,
  /** No such record, or the record is outside the caller's scope (never says which). */
  NOT_FOUND: 404,
  /** The record changed since the caller read it, or a unique value is taken. */
  CONFLICT: 409,
  /** The workflow table does not allow this step from the current state. */
  INVALID_TRANSITION: 409,
  /** The body is larger than the limit. */
  PAYLOAD_TOO_LARGE: 413,
  /** The content type is not one the endpoint reads. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** The request is well formed but its content cannot be accepted (e.g. an import with bad rows). */
  UNPROCESSABLE: 422,
  /** Too many attempts; try later. */
  RATE_LIMITED: 429,
  /** Something failed inside; the text is never shown to the client. */
  INTERNAL: 500,
  /** The server is still starting (migrations or seeding). */
  NOT_READY: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldProblem {
  field: string;
  message: string;
  messageEn: string;
}

const bilingualSeparator = ' | ';

/** A schema's own check message in Chinese and English (e.g. `.regex(re, bilingual('…', '…'))`); the error handler splits it. */
export function bilingual(messageZh: string, messageEn: string): string {
  return `${messageZh}${bilingualSeparator}${messageEn}`;
}

/** The Chinese and English halves of a `bilingual` message (a one-language message fills only messageEn). */
export function splitBilingual(message: string): { messageZh?: string; messageEn: string } {
  const at = message.indexOf(bilingualSeparator);
  return at < 0 ? { messageEn: message } : { messageZh: message.slice(0, at), messageEn: message.slice(at + bilingualSeparator.length) };
}

/** An error the API reports to the client in both languages. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly details: FieldProblem[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    messageZh: string,
    messageEn: string,
    options: { details?: FieldProblem[]; extra?: Record<string, unknown> } = {},
  ) {
    super(messageEn);
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.details = options.details;
    this.extra = options.extra;
  }
}

/** HTTP status for an error code. */
export function statusOf(code: ErrorCode): number {
  return errorStatus[code];
}

/** The standard not-found error; used for out-of-scope reads too, so scope is never revealed. */
export function notFound(what: string, whatEn: string): AppError {
  return new AppError('NOT_FOUND', `${what}不存在`, `${whatEn} not found`);
}

/** A stale optimistic-lock version. */
export function staleVersion(): AppError {
  return new AppError('CONFLICT', '记录已被他人修改，请刷新后重试', 'The record was changed by someone else; reload and try again');
}

/** A role that may not perform the action. */
export function forbidden(): AppError {
  return new AppError('FORBIDDEN', '无权执行此操作', 'You are not allowed to do this');
}

/** One invalid field. */
export function invalidField(field: string, message: string, messageEn: string): AppError {
  return new AppError('VALIDATION', `${field}：${message}`, `${field}: ${messageEn}`, {
    details: [{ field, message, messageEn }],
  });
}

/** The closed set of error codes the platform answers with; each maps to one HTTP status. */
export const errorStatus = {
  VALIDATION: 400,
  BAD_JSON: 400,
  CAPTCHA_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  MFA_REQUIRED: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EVIDENCE_ALTERED: 409,
  LOCKED: 423,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError('NOT_FOUND', `${what}不存在 (${what} not found): ${id}`, { id });

export const forbidden = (why: string): AppError => new AppError('FORBIDDEN', `无权操作 (forbidden): ${why}`);

export const invalid = (field: string, message: string): AppError =>
  new AppError('VALIDATION', `${field}: ${message}`, { field });

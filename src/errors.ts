/**
 * Errors that carry a code. A `UserError` is the person's mistake or a condition they can act on
 * (shown to them kindly); anything else is a bug (logged, answered "something went wrong").
 */
export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

/**
 * The code of a network failure: a system error's (ECONNREFUSED, ENOTFOUND, EAI_AGAIN…) or
 * undici's (UND_ERR_CONNECT_TIMEOUT…), from the error or what it wraps: undici throws the socket's
 * error, fetch wraps it in `cause`, and a host with several addresses fails with an AggregateError.
 * Node's own ERR_* codes are bugs, not the network: they are left out.
 */
export function networkErrorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== "object" || error === null || depth > 4) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && /^(?:E[A-Z]+|EAI_[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
  for (const inner of [cause, ...(Array.isArray(errors) ? errors : [])]) {
    const found = networkErrorCode(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

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

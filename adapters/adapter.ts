/**
 * A platform adapter (Hubot's idea): it turns platform input into command calls and renders
 * replies. Adding a platform means one new folder under adapters/ implementing this.
 */
export interface Adapter {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Whether it is connected to its platform now (a gateway ready, a server listening): /readyz reports it. */
  connected(): boolean;
}

/**
 * A platform refused to start in a way an admin can fix: a token it rejects, an API it cannot
 * reach. The message is one line naming the variable and what to check, never its value;
 * `npm start` logs it and exits 1 (adapters/main.ts), without a stack.
 */
export class AdapterStartError extends Error {
  override readonly name = "AdapterStartError";
}

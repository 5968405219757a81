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

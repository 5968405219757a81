/**
 * The Slack adapter's start when Slack refuses a token or cannot be reached: real Bolt against the
 * fake Slack Web API and a closed port. Each failure an admin can fix is one AdapterStartError
 * line naming the variable, never the token's value, and it comes before anything listens
 * (test/adapters/start-failures.test.ts checks what `npm start` prints of it).
 */
import { afterEach, describe, expect, it } from "vitest";
import { AdapterStartError } from "../../../adapters/adapter.ts";
import { SlackAdapter, type SlackAdapterOptions } from "../../../adapters/slack/slack.ts";
import { CatalogHolder } from "../../../src/catalog/holder.ts";
import { startFakeSlack } from "./fake-slack.ts";
import { recorder } from "./loopback.ts";
import { closedPort } from "../../helpers.ts";

const BOT_TOKEN = "xoxb-wrong-start-failure-token";
const APP_TOKEN = "xapp-wrong-start-failure-token";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function adapter(apiUrl: string, options: Partial<SlackAdapterOptions> = {}): SlackAdapter {
  return new SlackAdapter({ botToken: BOT_TOKEN, signingSecret: "start-failure-secret", apiUrl, port: 0, host: "127.0.0.1", autoReconnect: false, catalog: new CatalogHolder(), logger: () => {}, ...options });
}

/** What start() rejected with, checked to hold no token; fails the test when it resolves. */
async function startFailure(slack: SlackAdapter): Promise<Error> {
  const error = await slack.start().then(
    () => expect.fail("start() resolved"),
    (e: unknown) => e as Error,
  );
  expect(error.message).not.toContain(BOT_TOKEN);
  expect(error.message).not.toContain(APP_TOKEN);
  // Refused before listening: no server, nothing for /readyz to call connected.
  expect(slack.port).toBeUndefined();
  expect(slack.connected()).toBe(false);
  return error;
}

/** A Web API whose auth.test answers `{ ok: false, error }`. */
async function refusingApi(error: string): Promise<string> {
  const api = await recorder(() => ({ ok: false, error }));
  cleanups.push(() => api.close());
  return `${api.url}/api/`;
}

describe("Slack adapter start, refused or unreachable", () => {
  it("names SLACK_BOT_TOKEN when auth.test answers invalid_auth", async () => {
    const fake = await startFakeSlack("xoxb-the-right-token");
    cleanups.push(() => fake.close());
    const error = await startFailure(adapter(fake.apiUrl));
    expect(error).toBeInstanceOf(AdapterStartError);
    expect(error.message).toBe("SLACK_BOT_TOKEN was refused by Slack (invalid_auth): check the Bot User OAuth Token (xoxb-…) of the app's installation");
  });

  it.each(["not_authed", "account_inactive", "token_revoked", "token_expired"])("names SLACK_BOT_TOKEN when auth.test answers %s", async (answer) => {
    const error = await startFailure(adapter(await refusingApi(answer)));
    expect(error).toBeInstanceOf(AdapterStartError);
    expect(error.message).toBe(`SLACK_BOT_TOKEN was refused by Slack (${answer}): check the Bot User OAuth Token (xoxb-…) of the app's installation`);
  });

  it("leaves other answers of auth.test as they are: nothing for an admin to fix", async () => {
    const error = await startFailure(adapter(await refusingApi("internal_error")));
    expect(error).not.toBeInstanceOf(AdapterStartError);
    expect(error.message).toContain("internal_error");
  });

  it("names SLACK_API_URL when nothing listens there (ECONNREFUSED), within seconds rather than WebClient's 30 minutes of retries", async () => {
    const port = await closedPort();
    const started = Date.now();
    const error = await startFailure(adapter(`http://127.0.0.1:${port}/api/`));
    expect(error).toBeInstanceOf(AdapterStartError);
    expect(error.message).toBe(`cannot reach Slack's API at http://127.0.0.1:${port}/api/ (ECONNREFUSED): check SLACK_API_URL and the network`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("hides credentials in SLACK_API_URL", async () => {
    const port = await closedPort();
    const error = await startFailure(adapter(`http://proxy-user:proxy-password@127.0.0.1:${port}/api/?token=proxy-token`));
    expect(error.message).toBe(`cannot reach Slack's API at http://***@127.0.0.1:${port}/api/?token=*** (ECONNREFUSED): check SLACK_API_URL and the network`);
  });

  it("names SLACK_APP_TOKEN when the bot token passes and apps.connections.open refuses the app token (Socket Mode)", async () => {
    const fake = await startFakeSlack(BOT_TOKEN);
    cleanups.push(() => fake.close());
    const slack = adapter(fake.apiUrl, { appToken: APP_TOKEN });
    cleanups.push(() => slack.stop());
    const error = await startFailure(slack);
    expect(error).toBeInstanceOf(AdapterStartError);
    expect(error.message).toBe("SLACK_APP_TOKEN was refused by Slack (invalid_auth): check the App-Level Token (xapp-…) in the app's Basic Information, with the connections:write scope");
  });
});

import { Events } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APOLOGY, DiscordAdapter, UNKNOWN_BUTTON } from "../../../adapters/discord/discord.ts";
import { EXPIRED, REFUSAL } from "../../../adapters/discord/render.ts";
import { deployCommands, inviteUrl } from "../../../adapters/discord/registration.ts";
import type { Catalog } from "../../../src/catalog/catalog.ts";
import { smallCatalog } from "../../helpers.ts";
import {
  APPLICATION_ID,
  ASKER,
  autocomplete,
  buttonPress,
  FakeDiscord,
  GUILD_ID,
  selectMenu,
  slashCommand,
  STRANGER,
  type RecordedRequest,
} from "./fake-discord.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const EPHEMERAL = 64;
const MANY_SKILLS = "go, k8s, rust, react, c++, python, technical writing";

interface Harness {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  logs: Array<{ message: string; error?: unknown }>;
  catalog: { current: () => Catalog };
}

async function startHarness(options: { deferAfterMs?: number } = {}): Promise<Harness> {
  const fake = await FakeDiscord.start();
  const logs: Harness["logs"] = [];
  const small = smallCatalog();
  const catalog = { current: () => small };
  const adapter = new DiscordAdapter({
    token: "test-token",
    applicationId: APPLICATION_ID,
    guildId: GUILD_ID,
    apiUrl: fake.apiUrl,
    // A getter, so a test can make reading the catalogue fail.
    catalog: { get current() { return catalog.current(); } },
    logger: (message, _level, error) => logs.push({ message, error }),
    ...options,
  });
  await adapter.start();
  return { fake, adapter, logs, catalog };
}

async function stopHarness(h: Harness | undefined): Promise<void> {
  await h?.adapter.stop();
  await h?.fake.close();
}

/** The interaction callback the bot made for `interaction`. */
function callbackOf(fake: FakeDiscord, interaction: { id: string; token: string }): Promise<RecordedRequest> {
  return fake.waitForRequest((r) => r.method === "POST" && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
}

/** The message Discord would now show for an interaction's original response. */
function original(fake: FakeDiscord, interaction: { token: string }): Json {
  return structuredClone(fake.messages.get(interaction.token));
}

function footers(data: Json): string[] {
  return (data.embeds ?? []).map((e: Json) => e.footer?.text).filter(Boolean);
}

function customIds(data: Json): string[] {
  return (data.components ?? []).flatMap((row: Json) => row.components.map((c: Json) => c.custom_id)).filter(Boolean);
}

function button(data: Json, label: string): Json {
  return (data.components ?? []).flatMap((row: Json) => row.components).find((c: Json) => c.label === label);
}

/** Every message-bearing request: callbacks of type 4 and 7, and webhook posts and edits. */
function messageBodies(requests: RecordedRequest[]): Json[] {
  return requests.flatMap((r) => {
    if (r.path.endsWith("/callback") && (r.body.type === 4 || r.body.type === 7)) return [r.body.data];
    if (r.path.startsWith("/webhooks/") && (r.method === "POST" || r.method === "PATCH")) return [r.body];
    return [];
  });
}

function text(data: Json): string {
  return JSON.stringify({ content: data.content ?? "", embeds: data.embeds ?? [] });
}

describe("DiscordAdapter against a fake Discord", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await stopHarness(h);
  });

  it("logs in over the gateway with the Guilds intent only, and logs the invite URL", () => {
    const identify = h.fake.received.find((p) => p.op === 2);
    expect(identify.d.token).toBe("test-token");
    expect(identify.d.intents).toBe(1);
    expect(h.fake.lastGatewayQuery).toContain("encoding=json");
    const gateway = h.fake.requests.find((r) => r.path === "/gateway/bot")!;
    expect(gateway.headers.authorization).toBe("Bot test-token");
    expect(h.logs.map((l) => l.message).join("\n")).toContain(inviteUrl(APPLICATION_ID));
    expect(h.adapter.client.options.allowedMentions).toEqual({ parse: [] });
  });

  it("registers the commands to DISCORD_GUILD_ID at start (development)", () => {
    const put = h.fake.requests.find((r) => r.method === "PUT")!;
    expect(put.path).toBe(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.body[0].name).toBe("ideas");
  });

  it("answers /ideas search at once (type 4), ephemeral, with linked embeds, Details and Share", async () => {
    const i = h.fake.push(slashCommand("search", { query: "kuberntes documentaion" }));
    const { body } = await callbackOf(h.fake, i);
    expect(body.type).toBe(4);
    expect(body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    const [header, first] = body.data.embeds;
    expect(header.title).toMatch(/ideas? for "kuberntes documentaion"/);
    expect(header.footer.text).toMatch(/^Page 1 of 1/);
    expect(first).toMatchObject({ title: "Kubernetes documentation overhaul", url: "https://github.com/orbit/orbit/issues/1", author: { name: "Orbit" } });
    expect(first.fields.map((f: Json) => f.name)).toEqual(["Skills", "Mentors"]);
    expect(customIds(body.data)).toEqual([`ideas:details:${ASKER.id}`, expect.stringMatching(/^ideas:share:[\w-]+:1$/)]);
    expect(button(body.data, "Previous")).toBeUndefined();
  });

  it("pages with Next then Previous by updating the message (type 7), page numbers in the footer", async () => {
    const ask = h.fake.push(slashCommand("recommend", { skills: MANY_SKILLS }));
    const first = (await callbackOf(h.fake, ask)).body.data;
    expect(footers(first)[0]).toMatch(/^Page 1 of 2/);
    expect(button(first, "Previous").disabled).toBe(true);
    expect(button(first, "Next").disabled).toBe(false);
    expect(first.embeds[1].fields.map((f: Json) => f.name)).toEqual(expect.arrayContaining(["You have", "To learn"]));

    const next = h.fake.push(buttonPress(button(first, "Next").custom_id, original(h.fake, ask)));
    const second = await callbackOf(h.fake, next);
    expect(second.body.type).toBe(7);
    expect(second.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(footers(second.body.data)[0]).toMatch(/^Page 2 of 2/);
    expect(button(second.body.data, "Next").disabled).toBe(true);
    // The second page shows other ideas than the first.
    const titles = (d: Json) => d.embeds.slice(1).map((e: Json) => e.title);
    expect(titles(second.body.data).some((t: string) => titles(first).includes(t))).toBe(false);

    const previous = h.fake.push(buttonPress(button(second.body.data, "Previous").custom_id, original(h.fake, ask)));
    const back = await callbackOf(h.fake, previous);
    expect(back.body.type).toBe(7);
    expect(footers(back.body.data)[0]).toMatch(/^Page 1 of 2/);
    expect(titles(back.body.data)).toEqual(titles(first));
  });

  it("refuses a stranger pressing someone else's button, politely and privately, leaving the answer untouched", async () => {
    const ask = h.fake.push(slashCommand("recommend", { skills: MANY_SKILLS }));
    const first = (await callbackOf(h.fake, ask)).body.data;
    const before = original(h.fake, ask);
    for (const label of ["Next", "Share in channel"]) {
      const press = h.fake.push(buttonPress(button(first, label).custom_id, before, STRANGER));
      const { body } = await callbackOf(h.fake, press);
      expect(body.type).toBe(4);
      expect(body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(body.data.embeds[0].description).toBe(REFUSAL);
      expect(body.data.allowed_mentions).toEqual({ parse: [] });
      // Nothing else was sent for this press: no update, no edit, no public post.
      await new Promise((r) => setTimeout(r, 50));
      expect(h.fake.requestsFor(press)).toHaveLength(1);
    }
    const details = h.fake.push(selectMenu(`ideas:details:${ASKER.id}`, [h.catalog.current().ideas[0]!.id], before, STRANGER));
    expect((await callbackOf(h.fake, details)).body.data.embeds[0].description).toBe(REFUSAL);
    expect(original(h.fake, ask)).toEqual(before);
    expect(h.fake.requestsFor(ask)).toHaveLength(1);
  });

  it("Share marks the answer shared (type 7) and posts it publicly, saying who shared it", async () => {
    const ask = h.fake.push(slashCommand("search", { query: "rust" }));
    const first = (await callbackOf(h.fake, ask)).body.data;
    const press = h.fake.push(buttonPress(button(first, "Share in channel").custom_id, original(h.fake, ask)));
    const update = await callbackOf(h.fake, press);
    expect(update.body.type).toBe(7);
    expect(button(update.body.data, "Shared")).toMatchObject({ disabled: true });
    const post = await h.fake.waitForRequest((r) => r.method === "POST" && r.path === `/webhooks/${APPLICATION_ID}/${press.token}`);
    expect((post.body.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(post.body.content).toBe("Shared by **Ada Asker**");
    expect(post.body.allowed_mentions).toEqual({ parse: [] });
    expect(post.body.embeds.slice(1).map((e: Json) => e.title)).toEqual(first.embeds.slice(1).map((e: Json) => e.title));
    // The public copy: a Details menu anyone may use, no paging or share buttons.
    expect(customIds(post.body)).toEqual(["ideas:details:-"]);
  });

  it("Details answers privately with the idea in full, and the idea can be shared", async () => {
    const ask = h.fake.push(slashCommand("search", { query: "scheduler" }));
    const first = (await callbackOf(h.fake, ask)).body.data;
    const id = first.components[0].components[0].options[0].value;
    const choose = h.fake.push(selectMenu(`ideas:details:${ASKER.id}`, [id], original(h.fake, ask)));
    const { body } = await callbackOf(h.fake, choose);
    expect(body.type).toBe(4);
    expect(body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data.embeds[0]).toMatchObject({ title: "Scheduler plugin framework", url: "https://github.com/orbit/orbit/issues/2" });
    expect(body.data.embeds[0].footer.text).toContain(id);
    const share = button(body.data, "Share in channel");
    expect(share.custom_id).toBe(`ideas:sharei:${ASKER.id}:${id}`);
    expect(button(body.data, "Upstream issue")).toMatchObject({ style: 5, url: "https://github.com/orbit/orbit/issues/2" });

    // A stranger may use the Details menu of a shared (public) answer, answered privately.
    const fromPublic = h.fake.push(selectMenu("ideas:details:-", [id], original(h.fake, ask), STRANGER));
    const publicDetails = await callbackOf(h.fake, fromPublic);
    expect(publicDetails.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(button(publicDetails.body.data, "Share in channel").custom_id).toBe(`ideas:sharei:${STRANGER.id}:${id}`);

    const press = h.fake.push(buttonPress(share.custom_id, original(h.fake, choose)));
    expect((await callbackOf(h.fake, press)).body.type).toBe(7);
    const post = await h.fake.waitForRequest((r) => r.method === "POST" && r.path === `/webhooks/${APPLICATION_ID}/${press.token}`);
    expect(post.body.embeds[0].title).toBe("Scheduler plugin framework");
    expect(customIds(post.body)).toEqual([]);
  });

  it("@everyone and <@123> in a query ping nobody", async () => {
    const from = h.fake.requests.length;
    const ask = h.fake.push(slashCommand("search", { query: "@everyone <@123456789012345678> @here kubernetes" }));
    const first = (await callbackOf(h.fake, ask)).body.data;
    const press = h.fake.push(buttonPress(button(first, "Share in channel").custom_id, original(h.fake, ask)));
    await h.fake.waitForRequest((r) => r.method === "POST" && r.path === `/webhooks/${APPLICATION_ID}/${press.token}`);
    const bodies = messageBodies(h.fake.requests.slice(from));
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    for (const body of bodies) {
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(text(body)).not.toMatch(/@everyone|@here|<@!?&?\d+>/);
    }
    // The query is still shown, with a zero-width space after each @.
    expect(first.embeds[0].title).toContain("@\u200beveryone");
  });

  it("answers an empty and a 10,000-character query kindly", async () => {
    const empty = h.fake.push(slashCommand("search", { query: "" }));
    const a = await callbackOf(h.fake, empty);
    expect(a.body.type).toBe(4);
    expect(a.body.data.embeds[0].description).toMatch(/Tell me what to look for/);

    const huge = h.fake.push(slashCommand("search", { query: "kubernetes ".repeat(1000).slice(0, 10_000) }));
    const b = await callbackOf(h.fake, huge);
    expect(b.body.type).toBe(4);
    expect(b.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(b.body.data.embeds[0].description).toMatch(/keep a search under 200 characters/);
    expect(JSON.stringify(b.body).length).toBeLessThan(2000);
  });

  it("answers show, projects, skills and help", async () => {
    const show = await callbackOf(h.fake, h.fake.push(slashCommand("show", { id: "nope" })));
    expect(show.body.data.embeds[0].description).toMatch(/no idea with the id "nope"/);
    expect(show.body.data.embeds[0].color).toBe(0xed4245);
    const projects = await callbackOf(h.fake, h.fake.push(slashCommand("projects")));
    expect(projects.body.data.embeds[0]).toMatchObject({ title: "Projects" });
    expect(projects.body.data.embeds[0].description).toContain("• Nebula (2)");
    const skills = await callbackOf(h.fake, h.fake.push(slashCommand("skills")));
    expect(skills.body.data.embeds[0].title).toBe("Skills");
    const help = await callbackOf(h.fake, h.fake.push(slashCommand("help")));
    expect(help.body.data.embeds[0].description).toContain("search kubernetes docs");
    for (const r of [show, projects, skills, help]) expect(r.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it("autocompletes skills after the last comma and ideas by title (type 8, ≤25 choices, ≤100 characters)", async () => {
    const skills = await callbackOf(h.fake, h.fake.push(autocomplete("recommend", { skills: "go, kub" }, "skills")));
    expect(skills.body.type).toBe(8);
    expect(skills.body.data.choices[0]).toEqual({ name: "go, Kubernetes", value: "go, Kubernetes" });

    const ids = await callbackOf(h.fake, h.fake.push(autocomplete("show", { id: "react dash" }, "id")));
    expect(ids.body.data.choices[0]).toEqual({ name: "React dashboard for traces — Nebula", value: h.catalog.current().ideas[2]!.id });

    for (const [sub, name, value] of [
      ["recommend", "skills", ""],
      ["recommend", "skills", "x".repeat(3000)],
      ["show", "id", ""],
      ["show", "id", "y".repeat(3000)],
    ] as const) {
      const { body } = await callbackOf(h.fake, h.fake.push(autocomplete(sub, { [name]: value }, name)));
      expect(body.type).toBe(8);
      expect(body.data.choices.length).toBeLessThanOrEqual(25);
      for (const c of body.data.choices) {
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(String(c.value).length).toBeLessThanOrEqual(100);
      }
    }
    // An option that does not autocomplete gets an empty list, not silence.
    const none = await callbackOf(h.fake, h.fake.push(autocomplete("search", { query: "x" }, "query")));
    expect(none.body.data.choices).toEqual([]);
  });

  it("says so when a button has expired or is unknown", async () => {
    const ask = h.fake.push(slashCommand("help"));
    const message = original(h.fake, await callbackOf(h.fake, ask).then(() => ask));
    const expired = await callbackOf(h.fake, h.fake.push(buttonPress("ideas:page:Zz_expired:2", message)));
    expect(expired.body.data.embeds[0].description).toBe(EXPIRED);
    expect(expired.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const unknown = await callbackOf(h.fake, h.fake.push(buttonPress("something-else", message)));
    expect(unknown.body.data.embeds[0].description).toBe(UNKNOWN_BUTTON);
  });

  it("never crashes on a failing interaction: it logs and apologises", async () => {
    const good = h.catalog.current;
    h.catalog.current = () => {
      throw new Error("catalogue exploded");
    };
    try {
      const ask = h.fake.push(slashCommand("search", { query: "rust" }));
      const { body } = await callbackOf(h.fake, ask);
      expect(body.type).toBe(4);
      expect(body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(body.data.embeds[0].description).toBe(APOLOGY);
      expect(body.data.embeds[0].description).not.toContain("exploded");
      const logged = h.logs.find((l) => l.message.includes(ask.id));
      expect((logged?.error as Error).message).toBe("catalogue exploded");
      const typed = await callbackOf(h.fake, h.fake.push(autocomplete("recommend", { skills: "go" }, "skills")));
      expect(typed.body).toEqual({ type: 8, data: { choices: [] } });
    } finally {
      h.catalog.current = good;
    }
    // Client errors are logged, not thrown; and the bot still answers.
    h.adapter.client.emit(Events.Error, new Error("gateway hiccup"));
    expect(h.logs.some((l) => (l.error as Error | undefined)?.message === "gateway hiccup")).toBe(true);
    const after = await callbackOf(h.fake, h.fake.push(slashCommand("help")));
    expect(after.body.type).toBe(4);
  });

  it("logged no other error along the way", () => {
    const expected = new Set(["catalogue exploded", "gateway hiccup"]);
    const unexpected = h.logs.filter((l) => l.error !== undefined && !expected.has((l.error as Error).message));
    expect(unexpected).toEqual([]);
  });
});

describe("DiscordAdapter when work is slow", () => {
  let h: Harness;
  beforeAll(async () => {
    // deferAfterMs 0: always defer first, as for work that could take longer than Discord's 3 s.
    h = await startHarness({ deferAfterMs: 0 });
  });
  afterAll(async () => {
    await stopHarness(h);
  });

  it("defers (type 5, ephemeral) and then edits the original response", async () => {
    const ask = h.fake.push(slashCommand("recommend", { skills: MANY_SKILLS }));
    const { body } = await callbackOf(h.fake, ask);
    expect(body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = await h.fake.waitForRequest((r) => r.method === "PATCH" && r.path === `/webhooks/${APPLICATION_ID}/${ask.token}/messages/@original`);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(footers(edit.body)[0]).toMatch(/^Page 1 of 2/);

    // Paging defers the update (type 6), then edits the same message.
    const from = h.fake.requests.length;
    const next = h.fake.push(buttonPress(button(edit.body, "Next").custom_id, original(h.fake, ask)));
    expect((await callbackOf(h.fake, next)).body.type).toBe(6);
    const paged = await h.fake.waitForRequest((r) => r.method === "PATCH" && r.path === `/webhooks/${APPLICATION_ID}/${next.token}/messages/@original`, { from });
    expect(footers(paged.body)[0]).toMatch(/^Page 2 of 2/);
  });

  it("shares after a deferred update: the public copy is a separate follow-up", async () => {
    const ask = h.fake.push(slashCommand("search", { query: "rust" }));
    const edit = await h.fake.waitForRequest((r) => r.method === "PATCH" && r.path === `/webhooks/${APPLICATION_ID}/${ask.token}/messages/@original`);
    const press = h.fake.push(buttonPress(button(edit.body, "Share in channel").custom_id, original(h.fake, ask)));
    expect((await callbackOf(h.fake, press)).body.type).toBe(6);
    const marked = await h.fake.waitForRequest((r) => r.method === "PATCH" && r.path === `/webhooks/${APPLICATION_ID}/${press.token}/messages/@original`);
    expect(button(marked.body, "Shared").disabled).toBe(true);
    const post = await h.fake.waitForRequest((r) => r.method === "POST" && r.path === `/webhooks/${APPLICATION_ID}/${press.token}`);
    expect((post.body.flags ?? 0) & EPHEMERAL).toBe(0);
    expect(post.body.content).toBe("Shared by **Ada Asker**");
  });
});

describe("registering at start with DISCORD_GUILD_ID (development)", () => {
  it("registers /ideas and /ideas-admin to the server, and warns when global commands exist too (the server would list each twice)", async () => {
    const h = await startHarness();
    let second: DiscordAdapter | undefined;
    try {
      expect(h.fake.registered.get(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`)?.map((c: Json) => c.name)).toEqual(["ideas", "ideas-admin"]);
      expect(h.logs.map((l) => l.message).join("\n")).not.toContain("registered both globally");
      await deployCommands({ token: "test-token", applicationId: APPLICATION_ID, apiUrl: h.fake.apiUrl });
      const logs: string[] = [];
      second = new DiscordAdapter({ token: "test-token", applicationId: APPLICATION_ID, guildId: GUILD_ID, apiUrl: h.fake.apiUrl, catalog: { current: h.catalog.current() }, logger: (message) => logs.push(message) });
      await second.start();
      expect(logs).toContainEqual(expect.stringContaining(`registered both globally and to server ${GUILD_ID} (DISCORD_GUILD_ID)`));
      expect(logs).toContainEqual(expect.stringContaining(`npm run deploy:discord -- --clear-guild ${GUILD_ID}`));
    } finally {
      await second?.stop();
      await stopHarness(h);
    }
  });
});

import { CatalogHolder } from "../../src/catalog/holder.ts";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ShellAdapter } from "../../adapters/shell/shell.ts";
import { commands, dispatch } from "../../commands/index.ts";
import { Delivery } from "../../src/announce/deliver.ts";
import { createShellSink } from "../../adapters/shell/announce.ts";
import { RejectedError } from "../../src/announce/sink.ts";
import { describeOptions, type CommandContext } from "../../src/command.ts";
import { REFUSAL_TEXT, renderLine, type Reply } from "../../src/reply.ts";
import { announceFixture, catalogOf, check, freshStore } from "./helpers.ts";

const catalog = catalogOf(announceFixture("burst.md"));

function context(store: CommandContext["store"], overrides: Partial<CommandContext> = {}): CommandContext {
  return { catalog, platform: "discord", userId: "U1", page: 1, workspaceId: "G1", channelId: "C1", store, canManageChannel: true, ...overrides };
}

/** A reply as text, a channel line as `#C2: …` (the shell's way). */
const text = (reply: Reply) => (reply.kind === "message" ? [reply.text, ...(reply.lines ?? []).map((l) => renderLine(l, String, (id) => `#${id}`))].join("\n") : JSON.stringify(reply));

describe("subscribe, unsubscribe, subscriptions", () => {
  it("are registered, with optional skills, project and stage options", () => {
    expect(describeOptions(commands.get("subscribe")!)).toEqual([
      expect.objectContaining({ name: "skills", required: false, maxLength: 200 }),
      expect.objectContaining({ name: "project", required: false, maxLength: 100 }),
      expect.objectContaining({ name: "stage", required: false }),
    ]);
    expect(describeOptions(commands.get("unsubscribe")!)).toEqual([]);
    expect(describeOptions(commands.get("subscriptions")!)).toEqual([]);
  });

  it("take a stage: typed (stage:accepted) or as an option, said back, kept; a wrong stage is refused", async () => {
    const store = freshStore();
    const typed = await dispatch("subscribe", { skills: "go stage:accepted" }, context(store));
    expect(text(typed)).toContain("once accepted");
    expect(await store.subscriptions()).toMatchObject([{ channelId: "C1", stage: "accepted", skills: ["Go"] }]);
    await dispatch("subscribe", { stage: "proposed" }, context(store));
    expect(await store.subscriptions()).toMatchObject([{ channelId: "C1", stage: "proposed", skills: [] }]);
    expect(text(await dispatch("subscribe", { skills: "stage:maybe" }, context(store)))).toMatch(/A stage is proposed or accepted/);
    expect(text(await dispatch("subscribe", { stage: "maybe" }, context(store)))).toMatch(/A stage is proposed or accepted/);
  });

  it("refuse a member who may not manage the channel, with a reason each platform words; listing is for everyone", async () => {
    const store = freshStore();
    for (const can of [false, undefined]) {
      const member = context(store, { canManageChannel: can });
      for (const name of ["subscribe", "unsubscribe"]) {
        expect(await dispatch(name, {}, member)).toEqual({ kind: "message", tone: "error", text: REFUSAL_TEXT.manageChannel, refusal: { reason: "manageChannel" } });
      }
    }
    // The neutral text names no platform's rights: adapters say Manage Channels or workspace admin.
    expect(REFUSAL_TEXT.manageChannel).not.toMatch(/Discord|Slack|Manage Channels/);
    expect(await store.subscriptions()).toEqual([]);
    expect(text(await dispatch("subscriptions", {}, context(store, { canManageChannel: false })))).toMatch(/This channel has no subscription/);
    await store.close();
  });

  it("subscribe stores canonical skills (k8s → Kubernetes) and a project; again replaces; unsubscribe removes", async () => {
    const store = freshStore();
    const reply = await dispatch("subscribe", { skills: "k8s, golang", project: "Comet" }, context(store));
    expect(reply).toMatchObject({ kind: "message", tone: "info" });
    expect(text(reply)).toBe("Subscribed: I will post new ideas asking for Kubernetes or Go, in project Comet in this channel, once each, as the ideas files gain them.");
    expect(await store.subscriptions()).toEqual([
      expect.objectContaining({ platform: "discord", workspaceId: "G1", channelId: "C1", skills: ["Kubernetes", "Go"], project: "Comet", createdBy: "U1" }),
    ]);
    expect(text(await dispatch("subscribe", {}, context(store)))).toBe("Updated: this channel now gets every new idea.");
    await dispatch("subscribe", { skills: "rust" }, context(store, { channelId: "C2" }));
    const listed = await dispatch("subscriptions", {}, context(store));
    expect(text(listed)).toBe("This channel gets every new idea · nothing posted yet.\n#C2: new ideas asking for Rust · nothing posted yet");
    // The other channel is a channel line, for each platform to show as a mention.
    expect(listed).toMatchObject({ lines: [{ channelId: "C2", text: "new ideas asking for Rust · nothing posted yet" }] });
    expect(listed).not.toHaveProperty("hints");
    expect(text(await dispatch("unsubscribe", {}, context(store)))).toMatch(/^Unsubscribed/);
    expect(text(await dispatch("unsubscribe", {}, context(store)))).toMatch(/has no subscription/);
    await store.close();
  });

  it("refuses unknown skills with suggestions, hints at an unknown project, and needs a channel and a store", async () => {
    const store = freshStore();
    expect(text(await dispatch("subscribe", { skills: "kubernets" }, context(store)))).toMatch(/I don't know "kubernets" \(did you mean "Kubernetes"/);
    expect(text(await dispatch("subscribe", { project: "Comit" }, context(store)))).toMatch(/No idea listed today is in a project called "Comit" \(did you mean "Comet"/);
    expect(await dispatch("subscribe", {}, context(store, { channelId: undefined }))).toMatchObject({ text: expect.stringMatching(/Run this in the channel/), refusal: { reason: "channel" } });
    expect(await dispatch("subscribe", {}, context(undefined))).toMatchObject({ text: "Announcements are not available here.", refusal: { reason: "store" } });
    expect(text(await dispatch("subscribe", {}, context(store, { platform: "cli" })))).toBe("Announcements are not available here.");
    await store.close();
  });

  it("a paused subscription shows why, and subscribing again resumes it", async () => {
    const store = freshStore();
    await dispatch("subscribe", {}, context(store));
    const [sub] = await store.subscriptions();
    await store.pauseSubscription(sub!.id, "forbidden: the bot may not post there (Missing Access)");
    const listed = await dispatch("subscriptions", {}, context(store));
    expect(text(listed)).toMatch(/^This channel gets every new idea · nothing posted yet · paused: forbidden: the bot may not post there \(Missing Access\)\.$/);
    // How to resume is the platform's to word (which command, which rights).
    expect(listed).toMatchObject({ hints: ["resumePaused"] });
    expect(text(await dispatch("subscribe", {}, context(store)))).toMatch(/Announcements resume\.$/);
    await store.close();
  });
});

describe("subscriptions shows what could not be posted", () => {
  it("an announcement the platform refused in every form is counted in that channel's status, not in others'", async () => {
    const store = freshStore();
    await dispatch("subscribe", {}, context(store));
    await dispatch("subscribe", {}, context(store, { channelId: "C2" }));
    await check(store, "ideas", announceFixture("v1.md"));
    await check(store, "ideas", announceFixture("v3-added.md"));
    const refusing = {
      platform: "discord" as const,
      async post(entry: { subscription: { channelId: string } }) {
        if (entry.subscription.channelId === "C1") throw new RejectedError("Discord refused the message (400, code 50035): Invalid Form Body");
        return { messageId: "m1" };
      },
    };
    expect(await new Delivery({ store, sinks: [refusing] }).deliverNow()).toMatchObject({ sent: 1, failed: 1 });
    expect(text(await dispatch("subscriptions", {}, context(store)))).toMatch(/^This channel gets every new idea · nothing posted yet · 1 announcement refused for good \(the bot's log names each\)\.\n#C2: every new idea · last post \d{4}-\d\d-\d\d \d\d:\d\d UTC \(just now\)$/);
    expect(text(await dispatch("subscriptions", {}, context(store, { channelId: "C2" })))).toMatch(/^This channel gets every new idea · last post .* \(just now\)\.\n#C1: every new idea · nothing posted yet · 1 announcement refused for good/);
    await store.close();
  });
});

describe("the shell subscribes its own channel", () => {
  it("`subscribe rust project:nova` in the shell, then a check: the shell sink prints the matching ideas", async () => {
    const store = freshStore();
    const sh = new ShellAdapter({ catalog: new CatalogHolder(catalog), input: new PassThrough(), output: new PassThrough(), interactive: false, store });
    expect(await sh.handleLine("subscribe rust project:nova")).toMatch(/Subscribed: I will post new ideas asking for Rust, in project nova/);
    expect(await sh.handleLine("subscriptions")).toMatch(/This channel gets new ideas asking for Rust, in project nova · nothing posted yet\./);
    expect(await store.subscriptions()).toEqual([expect.objectContaining({ platform: "shell", workspaceId: "shell", channelId: "shell", createdBy: "shell" })]);
    await check(store, "ideas", announceFixture("v1.md"));
    await check(store, "ideas", announceFixture("burst.md"));
    let printed = "";
    const out = new PassThrough();
    out.on("data", (d) => (printed += d));
    expect((await new Delivery({ store, sinks: [createShellSink(out)] }).deliverNow()).sent).toBe(2);
    expect(printed).toContain("New project idea: Rust bindings for Nova (Nova)");
    expect(printed).toContain("New project idea: WebAssembly plugins (Nova)");
    expect(printed).not.toContain("Python SDK");
    await store.close();
  });
});

describe("subscribe reads its typed line with the search query parser", () => {
  it("takes project:\"two words\" and skill: as search does, and refuses filters a subscription cannot keep", async () => {
    const store = freshStore();
    const reply = await dispatch("subscribe", { skills: 'rust project:"nova" skill:python' }, context(store));
    expect(text(reply)).toMatch(/^Subscribed: I will post new ideas asking for Rust or Python, in project nova/);
    expect(await store.subscriptions()).toEqual([expect.objectContaining({ skills: ["Rust", "Python"], project: "nova" })]);
    for (const line of ["rust term:all", "rust -project:nova", "rust source:lfx", "project:a project:b"]) {
      expect(await dispatch("subscribe", { skills: line }, context(store))).toMatchObject({ kind: "message", tone: "error" });
    }
    await store.close();
  });
});

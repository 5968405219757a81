import { describe, expect, it } from "vitest";
import { dispatch } from "../../commands/index.ts";
import type { CommandContext } from "../../src/command.ts";
import { renderLine, type Reply } from "../../src/reply.ts";
import { ALERT_SCOPE } from "../../src/store/store.ts";
import { freshStore } from "../announce/helpers.ts";
import { smallCatalog } from "../helpers.ts";

const catalog = smallCatalog();

function context(store: CommandContext["store"], overrides: Partial<CommandContext> = {}): CommandContext {
  return { catalog, platform: "discord", userId: "U1", page: 1, store, alertScope: ALERT_SCOPE, ...overrides };
}

const text = (reply: Reply) =>
  reply.kind === "message" ? [reply.text, ...(reply.lines ?? []).map((l) => renderLine(l, String, (id) => `#${id}`))].join("\n") : reply.kind === "cards" ? `${reply.heading}\n${reply.note ?? ""}` : JSON.stringify(reply);

describe("notify", () => {
  it("sets the asker's alert with canonical skills, shows it, replaces it saying what it was, and `off` deletes it", async () => {
    const store = freshStore();
    const set = await dispatch("notify", { skills: "golang, k8s project:orbit term:lfx stage:accepted" }, context(store));
    expect(set).toMatchObject({ kind: "message", tone: "info", title: "Your alert" });
    expect(text(set)).toMatch(/^Alert set: I will message you privately about new ideas asking for Go or Kubernetes, in project orbit, once accepted \(term lfx\), one message per check\. At most 5 messages a day/);
    expect(await store.subscriptions({ kind: "dm" })).toEqual([
      expect.objectContaining({ platform: "discord", workspaceId: ALERT_SCOPE, channelId: "U1", kind: "dm", skills: ["Go", "Kubernetes"], project: "orbit", terms: ["lfx"], stage: "accepted", createdBy: "U1" }),
    ]);
    expect(text(await dispatch("notify", {}, context(store)))).toMatch(/^Your alert: I message you about new ideas asking for Go or Kubernetes/);
    const replaced = await dispatch("notify", { skills: "rust" }, context(store));
    expect(text(replaced)).toMatch(/^Alert replaced: it was new ideas asking for Go or Kubernetes, in project orbit, once accepted \(term lfx\); now I message you about new ideas asking for Rust\./);
    expect(await store.subscriptions({ kind: "dm" })).toHaveLength(1);
    expect(text(await dispatch("notify", { skills: "OFF" }, context(store)))).toMatch(/^Your alert is off/);
    expect(await store.subscriptions()).toEqual([]);
    expect(text(await dispatch("notify", { skills: "off" }, context(store)))).toBe("You have no alert; nothing to stop.");
    expect(text(await dispatch("notify", {}, context(store)))).toMatch(/^You have no alert\. `notify rust, webassembly` sets one/);
    await store.close();
  });

  it("takes the options Discord sends as well as a typed line", async () => {
    const store = freshStore();
    await dispatch("notify", { skills: "rust", project: "nova", term: "2027", stage: "proposed" }, context(store));
    expect((await store.subscriptions({ kind: "dm" }))[0]).toMatchObject({ skills: ["Rust"], project: "nova", terms: ["2027"], stage: "proposed" });
    await store.close();
  });

  it("answers bad input kindly and stores nothing: unknown skills, no skill, the current term, an unknown term, other filters", async () => {
    const store = freshStore();
    expect(text(await dispatch("notify", { skills: "kubernets" }, context(store)))).toMatch(/I don't know "kubernets" \(did you mean "Kubernetes"/);
    expect(text(await dispatch("notify", { skills: "project:orbit" }, context(store)))).toMatch(/^Name at least one skill/);
    expect(text(await dispatch("notify", { skills: "rust term:current" }, context(store)))).toMatch(/ideas to come/);
    expect(text(await dispatch("notify", { skills: "rust term:nonsense" }, context(store)))).toMatch(/I don't know the term "nonsense"/);
    expect(text(await dispatch("notify", { skills: "rust source:x" }, context(store)))).toMatch(/An alert filters by skills, project, term and stage only/);
    expect(text(await dispatch("notify", { skills: "x".repeat(10_000) }, context(store)))).toMatch(/under 200 characters/);
    expect(await store.subscriptions()).toEqual([]);
    await store.close();
  });

  it("is each person's own: keyed by who the platform says asks, never by what they send", async () => {
    const store = freshStore();
    await dispatch("notify", { skills: "rust" }, context(store, { userId: "U1" }));
    // A stranger's forged fields are not options: they are dropped, and the stranger sees and changes only their own.
    const forged = { skills: "go", userId: "U1", channelId: "U1", alertScope: ALERT_SCOPE, workspaceId: ALERT_SCOPE } as Record<string, unknown>;
    expect(text(await dispatch("notify", { userId: "U1", channelId: "U1" } as Record<string, unknown>, context(store, { userId: "U2" })))).toMatch(/^You have no alert/);
    await dispatch("notify", forged, context(store, { userId: "U2" }));
    expect(text(await dispatch("notify", { skills: "off", userId: "U1" } as Record<string, unknown>, context(store, { userId: "U3" })))).toBe("You have no alert; nothing to stop.");
    const alerts = await store.subscriptions({ kind: "dm" });
    expect(alerts.map((a) => [a.channelId, a.skills])).toEqual([
      ["U1", ["Rust"]],
      ["U2", ["Go"]],
    ]);
    // On Slack an alert belongs to the team: the same person in two teams has two.
    await dispatch("notify", { skills: "python" }, context(store, { platform: "slack", userId: "U1", alertScope: "T1" }));
    await dispatch("notify", { skills: "go" }, context(store, { platform: "slack", userId: "U1", alertScope: "T2" }));
    expect((await store.subscriptions({ platform: "slack", kind: "dm" })).map((a) => [a.workspaceId, a.skills])).toEqual([
      ["T1", ["Python"]],
      ["T2", ["Go"]],
    ]);
    await store.close();
  });

  it("is not served where no one can be messaged: the CLI, or without a store", async () => {
    expect(await dispatch("notify", { skills: "rust" }, context(freshStore(), { platform: "cli" }))).toMatchObject({ refusal: { reason: "store" } });
    expect(await dispatch("notify", { skills: "rust" }, context(undefined))).toMatchObject({ refusal: { reason: "store" } });
    expect(await dispatch("notify", { skills: "rust" }, context(freshStore(), { alertScope: undefined }))).toMatchObject({ text: "Personal alerts are not available here.", refusal: { reason: "alerts" } });
  });

  it("tells a person whose alert is paused, at their next command, how to resume; notify again resumes it", async () => {
    const store = freshStore();
    await dispatch("notify", { skills: "rust" }, context(store));
    const [alert] = await store.subscriptions({ kind: "dm" });
    await store.pauseSubscription(alert!.id, "forbidden: the person does not accept direct messages from the bot (50007)");
    const search = await dispatch("search", { query: "rust" }, context(store));
    expect(search.kind).toBe("cards");
    expect(text(search)).toContain("Your alert is paused: I could not message you (forbidden: the person does not accept direct messages from the bot (50007)).");
    const help = await dispatch("help", {}, context(store));
    expect(help).toMatchObject({ hints: expect.arrayContaining(["alertPaused"]) });
    expect(text(help)).toContain("Your alert is paused");
    // Someone else is not told about it.
    expect(text(await dispatch("search", { query: "rust" }, context(store, { userId: "U2" })))).not.toContain("paused");
    const shown = await dispatch("notify", {}, context(store));
    expect(text(shown)).toMatch(/It is paused: I could not message you/);
    expect(shown).toMatchObject({ hints: ["alertPaused"] });
    await dispatch("notify", { skills: "rust" }, context(store));
    expect((await store.subscriptions({ kind: "dm" }))[0]!.pausedReason).toBeNull();
    expect(text(await dispatch("search", { query: "rust" }, context(store)))).not.toContain("paused");
    await store.close();
  });
});

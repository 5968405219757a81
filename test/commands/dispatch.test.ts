import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { commands, dispatch, parseCommandLine, SOMETHING_WENT_WRONG } from "../../commands/index.ts";
import { ideaChoices, skillChoices, termChoices } from "../../commands/autocomplete.ts";
import { autocompleteFor, CommandDefinitionSchema, defineCommand, describeOptions, type CommandContext } from "../../src/command.ts";
import { UserError } from "../../src/errors.ts";
import { smallCatalog } from "../helpers.ts";

const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({ catalog: smallCatalog(), platform: "shell", userId: "u1", page: 1, ...overrides });

describe("command registry", () => {
  it("loads every command, each passing the definition schema", () => {
    expect([...commands.keys()]).toEqual(["search", "recommend", "show", "terms", "projects", "skills", "notify", "subscribe", "unsubscribe", "subscriptions", "status", "help"]);
    for (const command of commands.values()) expect(() => CommandDefinitionSchema.parse(command)).not.toThrow();
  });

  it("describes options from the zod schemas: required, max length, autocomplete", () => {
    expect(describeOptions(commands.get("search")!)).toEqual([
      expect.objectContaining({ name: "query", required: true, type: "string", maxLength: 200, autocomplete: false }),
      expect.objectContaining({ name: "term", required: false, type: "string", maxLength: 40, autocomplete: true }),
    ]);
    expect(describeOptions(commands.get("recommend")!)[0]).toMatchObject({ name: "skills", maxLength: 200, autocomplete: true });
    expect(describeOptions(commands.get("show")!)[0]).toMatchObject({ name: "id", maxLength: 100, autocomplete: true });
    expect(describeOptions(commands.get("projects")!)).toEqual([]);
  });

  it("takes each option's autocomplete provider from the option itself", () => {
    expect(autocompleteFor(commands.get("recommend")!, "skills")).toBe(skillChoices);
    expect(autocompleteFor(commands.get("recommend")!, "term")).toBe(termChoices);
    expect(autocompleteFor(commands.get("search")!, "term")).toBe(termChoices);
    expect(autocompleteFor(commands.get("show")!, "id")).toBe(ideaChoices);
    expect(autocompleteFor(commands.get("search")!, "query")).toBeUndefined();
    expect(autocompleteFor(commands.get("search")!, "nope")).toBeUndefined();
    // A new command's option autocompletes by declaring it: no other list to update.
    const provider = () => [{ name: "x", value: "x" }];
    const fresh = defineCommand({ name: "fresh", description: "x", usage: "fresh", options: z.object({ thing: z.string().meta({ autocomplete: provider }).optional() }), execute: () => ({ kind: "message", tone: "info", text: "" }) });
    expect(autocompleteFor(fresh, "thing")).toBe(provider);
    expect(describeOptions(fresh)[0]).toMatchObject({ name: "thing", required: false, autocomplete: true });
  });

  it("refuses a malformed command definition at load time", () => {
    const bad = { name: "Bad Name", description: "x", usage: "x", options: z.object({}), execute: () => null };
    expect(() => CommandDefinitionSchema.parse(bad)).toThrow(/lower-case/);
  });
});

describe("parseCommandLine", () => {
  it("takes the rest of the line for the command's text option, with or without /ideas", () => {
    expect(parseCommandLine("/ideas search kubernetes docs")).toEqual({ name: "search", input: { query: "kubernetes docs" } });
    expect(parseCommandLine("recommend go, k8s")).toEqual({ name: "recommend", input: { skills: "go, k8s" } });
    expect(parseCommandLine('search project:"chaos mesh"')).toEqual({ name: "search", input: { query: 'project:"chaos mesh"' } });
    expect(parseCommandLine("  /IDEAS   Help ")).toEqual({ name: "help", input: {} });
  });

  it("means help for a bare line", () => {
    expect(parseCommandLine("")).toEqual({ name: "help", input: {} });
    expect(parseCommandLine("/ideas")).toEqual({ name: "help", input: {} });
  });
});

describe("dispatch", () => {
  it("answers search with a page of cards and a continuation for the next page", async () => {
    const reply = await dispatch("search", { query: "k8s" }, context());
    if (reply.kind !== "cards") throw new Error(`cards expected, got ${reply.kind}`);
    expect(reply.cards.length).toBeGreaterThan(0);
    expect(reply.continuation).toEqual({ command: "search", input: { query: "k8s" } });
  });

  it("pages: page 2 of a recommendation holds the 6th result on", async () => {
    const first = await dispatch("recommend", { skills: "go, k8s, rust, react, c++, python, technical writing" }, context());
    const second = await dispatch("recommend", { skills: "go, k8s, rust, react, c++, python, technical writing" }, context({ page: 2 }));
    if (first.kind !== "cards" || second.kind !== "cards") throw new Error("expected cards");
    expect(first.total).toBe(6);
    expect(first.pageCount).toBe(2);
    expect(second.page).toBe(2);
    expect(second.cards).toHaveLength(1);
    expect(first.cards.map((c) => c.id)).not.toContain(second.cards[0]!.id);
  });

  it("answers an empty search with how to search, not an error", async () => {
    const reply = await dispatch("search", { query: "   " }, context());
    expect(reply).toMatchObject({ kind: "message", tone: "info", title: "Search ideas" });
  });

  it("answers a 10,000-character query with a clear error from validation, before any search work", async () => {
    const catalog = smallCatalog();
    const search = vi.spyOn(catalog.index, "search");
    const reply = await dispatch("search", { query: "a".repeat(10_000) }, context({ catalog }));
    expect(reply).toEqual({ kind: "message", tone: "error", text: "Please keep a search under 200 characters." });
    const skills = await dispatch("recommend", { skills: "go, ".repeat(2_500) }, context({ catalog }));
    expect(skills).toEqual({ kind: "message", tone: "error", text: "Please keep the skills list under 200 characters." });
    expect(search).not.toHaveBeenCalled();
  });

  it("answers punctuation-only and emoji queries kindly", async () => {
    for (const query of ["?!.,;:", "🚀🚀🚀"]) {
      const reply = await dispatch("search", { query }, context());
      expect(reply).toMatchObject({ kind: "message", tone: "info" });
      if (reply.kind !== "message") throw new Error(`a message expected, got ${reply.kind}`);
      expect(reply.text).toMatch(/couldn't find any words/);
    }
  });

  it("answers unknown skills with did-you-mean, and notes unknown items among known ones", async () => {
    const unknown = await dispatch("recommend", { skills: "pyhton" }, context());
    expect(unknown).toMatchObject({ kind: "message", tone: "error" });
    if (unknown.kind !== "message") throw new Error(`a message expected, got ${unknown.kind}`);
    expect(unknown.text).toContain('did you mean "Python"');
    const mixed = await dispatch("recommend", { skills: "rust, cobol" }, context());
    expect(mixed).toMatchObject({ kind: "cards", note: 'Not recognised: "cobol".' });
  });

  it("shows one idea in full, and suggests for an unknown id", async () => {
    const catalog = smallCatalog();
    const id = catalog.ideas[0]!.id;
    expect(await dispatch("show", { id: id.toUpperCase() }, context({ catalog }))).toMatchObject({ kind: "idea", idea: { id } });
    const missing = await dispatch("show", { id: "kubernetes docs" }, context({ catalog }));
    expect(missing).toMatchObject({ kind: "message", tone: "error" });
    if (missing.kind !== "message") throw new Error(`a message expected, got ${missing.kind}`);
    expect(missing.text).toContain(`Kubernetes documentation overhaul (${id})`);
  });

  it("help lists the commands loaded, read when it runs", async () => {
    commands.set("extra", { ...commands.get("projects")!, name: "extra", usage: "extra", description: "An extra command" });
    try {
      const reply = await dispatch("help", {}, context());
      expect(reply.kind === "message" && reply.lines).toContain("extra — An extra command");
    } finally {
      commands.delete("extra");
    }
  });

  it("answers an unknown command with help and did-you-mean", async () => {
    const reply = await dispatch("serch", {}, context());
    expect(reply).toMatchObject({ kind: "message", tone: "error", title: "Unknown command" });
    if (reply.kind !== "message") throw new Error(`a message expected, got ${reply.kind}`);
    expect(reply.text).toContain("Did you mean `search`?");
    expect(reply.lines).toHaveLength(commands.size);
  });

  it("keeps a bug apart from a user error: logs it and answers 'something went wrong'", async () => {
    const log = vi.fn();
    const broken = { ...commands.get("projects")!, execute: () => { throw new TypeError("boom at line 3"); } };
    commands.set("broken", broken);
    const saysNo = { ...commands.get("projects")!, execute: () => { throw new UserError("nope", "You can't do that here."); } };
    commands.set("saysno", saysNo);
    try {
      expect(await dispatch("broken", {}, context({ log }))).toEqual({ kind: "message", tone: "error", text: SOMETHING_WENT_WRONG });
      expect(log).toHaveBeenCalledWith("command broken failed", "error", expect.any(TypeError));
      expect(await dispatch("saysno", {}, context({ log }))).toEqual({ kind: "message", tone: "error", text: "You can't do that here." });
      expect(log).toHaveBeenCalledTimes(1);
    } finally {
      commands.delete("broken");
      commands.delete("saysno");
    }
  });

  it("lists projects and skills with counts", async () => {
    const projects = await dispatch("projects", {}, context());
    expect(projects).toMatchObject({ kind: "message", lines: ["Nebula (2)", "Orbit (2)", "Quasar (2)"] });
    const skills = await dispatch("skills", {}, context());
    if (skills.kind !== "message") throw new Error(`a message expected, got ${skills.kind}`);
    expect(skills.lines).toContain("Kubernetes (2)");
  });
});

describe("one wording per refusal", () => {
  it("recommend and subscribe refuse an unknown skill in the same words, with the same suggestion", async () => {
    const { freshStore } = await import("../announce/helpers.ts");
    const store = freshStore();
    const where = { store, workspaceId: "shell", channelId: "shell", canManageChannel: true };
    const recommend = await dispatch("recommend", { skills: "pyhton" }, context(where));
    const subscribe = await dispatch("subscribe", { skills: "pyhton" }, context(where));
    expect(recommend).toMatchObject({ kind: "message", tone: "error" });
    expect(recommend.kind === "message" && recommend.text).toMatch(/^I don't know "pyhton" \(did you mean "Python"[^)]*\?\)\. Try `skills`/);
    expect(subscribe).toEqual(recommend);
    await store.close();
  });
});

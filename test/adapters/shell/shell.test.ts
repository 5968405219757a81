import { CatalogHolder } from "../../../src/catalog/holder.ts";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ShellAdapter } from "../../../adapters/shell/shell.ts";
import { cleanForTerminal } from "../../../adapters/shell/render.ts";
import { smallCatalog } from "../../helpers.ts";

function shell(interactive = false) {
  const catalog = smallCatalog();
  return new ShellAdapter({ catalog: new CatalogHolder(catalog), input: new PassThrough(), output: new PassThrough(), interactive });
}

describe("ShellAdapter.handleLine", () => {
  it("answers /ideas search with numbered cards, ids and links, in plain text for a pipe", async () => {
    const out = await shell().handleLine("/ideas search kuberntes documentaion");
    expect(out).toContain("1. Kubernetes documentation overhaul");
    expect(out).toContain("https://github.com/orbit/orbit/issues/1");
    expect(out).not.toContain("\u001b[");
  });

  it("colours output on a terminal", async () => {
    expect(await shell(true).handleLine("help")).toContain("\u001b[");
  });

  it("pages with next and prev", async () => {
    const sh = shell();
    expect(await sh.handleLine("next")).toMatch(/run a search first/);
    const first = await sh.handleLine("recommend go, k8s, rust, react, c++, python, technical writing");
    expect(first).toContain("(page 1 of 2)");
    const second = await sh.handleLine("next");
    expect(second).toContain("(page 2 of 2)");
    expect(second).toMatch(/^6\. /m);
    expect(await sh.handleLine("next")).toBe("That was the last page.");
    expect(await sh.handleLine("prev")).toContain("(page 1 of 2)");
  });

  it("strips terminal control sequences from text it echoes", () => {
    expect(cleanForTerminal("a\u001b[31mred\u0007b\nc")).toBe("a[31mredb\nc");
  });
});

describe("the shell's wording of refusals and hints", () => {
  it("keeps the neutral refusal (its person may manage its channel) and words the hint without platform permissions", async () => {
    const { renderReply } = await import("../../../adapters/shell/render.ts");
    const { refusalReply } = await import("../../../src/reply.ts");
    expect(renderReply(refusalReply("manageChannel"), { color: false })).toBe("You may not change this channel's subscriptions.");
    const hinted = renderReply({ kind: "message", tone: "info", text: "Subscribed.", hints: ["botCannotPost"] }, { color: false });
    expect(hinted).toBe("Subscribed.\n  Note: I can't post in this channel yet, so announcements will wait.");
  });
});

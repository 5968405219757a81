import { describe, expect, it } from "vitest";
import { parseMentors, type ValueLine } from "../../src/ideas/mentors.ts";

/** A value line as the parser hands it over: plain text, and the links that were in the markdown. */
const line = (text: string, links: Array<[string, string]> = []): ValueLine => ({ text, links: links.map(([t, url]) => ({ text: t, url })) });
const mentors = (...lines: ValueLine[]) => parseMentors(lines);

describe("parseMentors: one mentor", () => {
  it.each([
    ["Name (@handle)", line("Ada Lovelace (@ada)"), { name: "Ada Lovelace", handle: "ada" }],
    ["Name @handle", line("Ada Lovelace @ada"), { name: "Ada Lovelace", handle: "ada" }],
    ["@handle", line("@ada"), { name: "ada", handle: "ada" }],
    ["[@handle](github)", line("@ada", [["@ada", "https://github.com/ada"]]), { name: "ada", handle: "ada" }],
    ["[Name](github)", line("Ada Lovelace", [["Ada Lovelace", "https://github.com/ada"]]), { name: "Ada Lovelace", handle: "ada" }],
    ["a bare GitHub profile URL", line("https://github.com/ada"), { name: "ada", handle: "ada" }],
    ["Name (handle, email) - primary", line("Ada Lovelace (ada, ada@example.org) - primary"), { name: "Ada Lovelace", handle: "ada" }],
    ["Name (@handle, mail@x.org)", line("Ada Lovelace (@ada, mail@x.org)"), { name: "Ada Lovelace", handle: "ada" }],
    ["Name <email> (@handle)", line("Ada Lovelace <ada@example.org> (@ada)"), { name: "Ada Lovelace", handle: "ada" }],
    ["a handle with a hyphen", line("Ada (@ada-l)"), { name: "Ada", handle: "ada-l" }],
    ["a name without a handle", line("Ada Lovelace"), { name: "Ada Lovelace", handle: null }],
  ])("%s", (_, value, expected) => {
    expect(mentors(value)).toEqual([expected]);
  });
});

describe("parseMentors: separators", () => {
  const both = [
    { name: "Ada", handle: "ada" },
    { name: "Grace", handle: "grace" },
  ];
  it.each([
    [",", "Ada (@ada), Grace (@grace)"],
    ["and", "Ada (@ada) and Grace (@grace)"],
    [", and", "Ada (@ada), and Grace (@grace)"],
    ["&", "Ada (@ada) & Grace (@grace)"],
    ["/", "Ada (@ada) / Grace (@grace)"],
    ["/ without spaces", "Ada (@ada)/Grace (@grace)"],
    ["full-width comma", "Ada (@ada)，Grace (@grace)"],
    [";", "Ada (@ada); Grace (@grace)"],
  ])("splits on %s", (_, text) => {
    expect(mentors(line(text))).toEqual(both);
  });

  it("splits handles alone", () => {
    expect(mentors(line("@ada & @grace"))).toEqual([
      { name: "ada", handle: "ada" },
      { name: "grace", handle: "grace" },
    ]);
    expect(mentors(line("@ada/@grace"))).toEqual([
      { name: "ada", handle: "ada" },
      { name: "grace", handle: "grace" },
    ]);
  });

  it("splits names without handles", () => {
    expect(mentors(line("Ada Lovelace and Grace Hopper"))).toEqual([
      { name: "Ada Lovelace", handle: null },
      { name: "Grace Hopper", handle: null },
    ]);
  });

  it("keeps the comma inside parentheses", () => {
    expect(mentors(line("Ada Lovelace (@ada, ada@x.org), Grace (@grace, grace@x.org)"))).toEqual([
      { name: "Ada Lovelace", handle: "ada" },
      { name: "Grace", handle: "grace" },
    ]);
  });

  it("reads one mentor per nested line, and counts the same person once", () => {
    expect(mentors(line("Ada Lovelace (ada, ada@example.org) - primary"), line("Grace Hopper (@grace, grace@x.org)"), line("Ada (@ada)"))).toEqual([
      { name: "Ada Lovelace", handle: "ada" },
      { name: "Grace Hopper", handle: "grace" },
    ]);
  });

  it("gives each linked mentor the handle of its own link", () => {
    const value = line("Ada Lovelace, @grace", [
      ["Ada Lovelace", "https://github.com/ada"],
      ["@grace", "https://github.com/grace"],
    ]);
    expect(mentors(value)).toEqual([
      { name: "Ada Lovelace", handle: "ada" },
      { name: "grace", handle: "grace" },
    ]);
  });
});

describe("parseMentors: emails and placeholders", () => {
  it("never makes a handle of an email", () => {
    for (const text of ["Ada (ada@example.org)", "Ada <ada@example.org>", "Ada ada@example.org", "Ada Lovelace (ada@example.org), Grace Hopper <grace@navy.mil>"]) {
      for (const m of mentors(line(text))) {
        expect(m.handle, text).toBeNull();
        expect(m.name, text).not.toContain("@");
      }
    }
    expect(mentors(line("Ada (ada@example.org)"))).toEqual([{ name: "Ada", handle: null }]);
  });

  it("reads no mentor from the template's comment that authors keep after the label", () => {
    // As in summerofcode/2026.md: "- Mentor(s): #For GSoC, it is **required** to have at least 2 mentors…"
    const comment = line("#For GSoC, it is required to have at least 2 mentors with 1 being a primary mentor.");
    expect(mentors(comment, line("Gorkem Ercan (@gorkem, gorkem@example.org) - primary"), line("Angel Misevski (@amisevsk)"))).toEqual([
      { name: "Gorkem Ercan", handle: "gorkem" },
      { name: "Angel Misevski", handle: "amisevsk" },
    ]);
  });

  it("reads nothing from an email alone, a placeholder or an empty line", () => {
    expect(mentors(line("ada@example.org"))).toEqual([]);
    expect(mentors(line("TODO"))).toEqual([]);
    expect(mentors(line(""))).toEqual([]);
    expect(mentors()).toEqual([]);
  });
});

describe("parseMentors: role words", () => {
  it.each([
    // Role words inside a name stay (the name lost a word when they were dropped anywhere).
    ["Test Mentor (@testmentor)", { name: "Test Mentor", handle: "testmentor" }],
    ["Mentor Graphics (@mg)", { name: "Mentor Graphics", handle: "mg" }],
    ["Primary Colors (@pc)", { name: "Primary Colors", handle: "pc" }],
    ["Lead Belly", { name: "Lead Belly", handle: null }],
    ["Lead-Smith (@ls)", { name: "Lead-Smith", handle: "ls" }],
    ["Adjunct Smith - primary", { name: "Adjunct Smith", handle: null }],
    ["Leadbetter - lead", { name: "Leadbetter", handle: null }],
  ])("keeps the name in %s", (text, expected) => {
    expect(mentors(line(text))).toEqual([expected]);
  });

  it.each([
    // A label before the name.
    ["Primary: Jane Doe (@jane)", { name: "Jane Doe", handle: "jane" }],
    ["Mentor: Jane", { name: "Jane", handle: null }],
    ["Mentor(s): Jane", { name: "Jane", handle: null }],
    ["Co-mentor: Bob (@bob)", { name: "Bob", handle: "bob" }],
    ["Comentor: Bob (@bob)", { name: "Bob", handle: "bob" }],
    ["Primary mentor: Jane Doe", { name: "Jane Doe", handle: null }],
    ["Secondary Mentor: Tim Flannagan (@timflannagan, tim.flannagan@solo.io)", { name: "Tim Flannagan", handle: "timflannagan" }],
    ["Primary mentor - Jane Doe (@jane)", { name: "Jane Doe", handle: "jane" }],
    // In parentheses after the name.
    ["Jane Doe (primary)", { name: "Jane Doe", handle: null }],
    ["Jane Doe (@jane, primary)", { name: "Jane Doe", handle: "jane" }],
    ["Jane (Co-mentor)", { name: "Jane", handle: null }],
    ["Jane Doe (@jane) (mentor)", { name: "Jane Doe", handle: "jane" }],
    ["Jared Watts (primary) (@jbw976, jbw976@gmail.com)", { name: "Jared Watts", handle: "jbw976" }],
    ["(Jane Doe, secondary)", { name: "Jane Doe", handle: null }],
    // After a dash at the end.
    ["Ada Lovelace (ada, ada@example.org) - primary", { name: "Ada Lovelace", handle: "ada" }],
    ["Jane Doe - co-mentor", { name: "Jane Doe", handle: null }],
    ["Jane - Primary Mentor", { name: "Jane", handle: null }],
    ["Jane Doe – Backup", { name: "Jane Doe", handle: null }],
    ["Jim Cadden (@jimcadden, jcadden@ibm.com) - Secondary Mentor", { name: "Jim Cadden", handle: "jimcadden" }],
    ["@jane - primary", { name: "jane", handle: "jane" }],
  ])("drops the role in %s", (text, expected) => {
    expect(mentors(line(text))).toEqual([expected]);
  });

  it("drops a label before each mentor of a line", () => {
    expect(mentors(line("Primary: Ada (@ada), Secondary: Grace (@grace)"))).toEqual([
      { name: "Ada", handle: "ada" },
      { name: "Grace", handle: "grace" },
    ]);
    expect(mentors(line("Mentors: Ada (@ada) and Grace (@grace)"))).toEqual([
      { name: "Ada", handle: "ada" },
      { name: "Grace", handle: "grace" },
    ]);
  });

  it("reads no mentor from role words alone", () => {
    for (const text of ["Mentors:", "Primary mentor -", "Primary mentor", "Co-Mentor:", "Lead", "ada@example.org (primary)"]) {
      expect(mentors(line(text)), text).toEqual([]);
    }
    expect(mentors(line("Primary mentor:"), line("Ada Lovelace (@ada)"), line("Backup -"), line("Grace Hopper (@grace)"))).toEqual([
      { name: "Ada Lovelace", handle: "ada" },
      { name: "Grace Hopper", handle: "grace" },
    ]);
  });
});

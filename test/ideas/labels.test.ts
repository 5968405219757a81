import { describe, expect, it } from "vitest";
import { classifyLabel, headingKey, isPlaceholder, isPlaceholderTitle, isScaffoldingHeading } from "../../src/ideas/labels.ts";

describe("classifyLabel", () => {
  it.each([
    ...["Mentor(s)", "Mentors", "Mentor", "Potential Mentors", "Likely mentors", "Metor(s)", "Mentors(s)", "Mentor[s]", "Mentor(-s)", "MENTOR(S)", "**Mentor(s)**", "Mentor(s):", "Mentor(s)："].map(
      (l) => [l, "mentors"] as const,
    ),
    ...["Recommended Skills", "Recommend Skills", "Required skills", "Skills", "Technologies", "Skills Required"].map((l) => [l, "skills"] as const),
    ...["Upstream Issue", "Upstream Issue (URL)", "Issue", "Issues", "Relevant Issues", "Issue Link", "GitHub Issue"].map((l) => [l, "issues"] as const),
    ["LFX URL", "lfx"] as const,
    ["Description", "description"] as const,
    ...["Expected outcome", "Project goals", "Difficulty", "Expected size"].map((l) => [l, "extra"] as const),
  ])("%s → %s", (label, kind) => {
    expect(classifyLabel(label)).toBe(kind);
  });

  it.each(["", "Hello", "Kubernetes", "Go", "Project", "Title", "Mentorship", "Issue tracker", "Mentorship project title", "a".repeat(100)])("%j is not a label", (label) => {
    expect(classifyLabel(label)).toBeNull();
  });
});

describe("placeholders and scaffolding", () => {
  it("treats template values as absent", () => {
    for (const v of ["TODO", "todo.", "TBD", "N/A", "none", "-", "", "  "]) expect(isPlaceholder(v), v).toBe(true);
    for (const v of ["Go", "Ada (@ada)", "https://github.com/o/r/issues/1"]) expect(isPlaceholder(v), v).toBe(false);
  });

  it("knows placeholder titles and scaffolding headings", () => {
    for (const t of ["TODO", "Project Title", "Mentorship project title"]) expect(isPlaceholderTitle(t), t).toBe(true);
    expect(isPlaceholderTitle("Faster builds")).toBe(false);
    for (const t of ["Template", "Project idea template", "Sample", "Prometheus (sample)", "Table of contents", "Contents"]) expect(isScaffoldingHeading(t), t).toBe(true);
    for (const t of ["Proposed Project ideas", "Orbit", "Sampler rewrite", "Templating engine for Helm charts", "Template validation for charts"]) expect(isScaffoldingHeading(t), t).toBe(false);
  });
});

describe("headingKey", () => {
  it("folds case and a trailing colon, and a long run of spaces costs no backtracking", () => {
    expect(headingKey("  Sample:  ")).toBe("sample");
    expect(headingKey("Project Ideas ：")).toBe("project ideas");
    // With /\s*:$/ this line took minutes (the test's timeout fails it); folded without a regex, at once.
    const long = `x${" ".repeat(200_000)}y`;
    expect(headingKey(long)).toBe(long);
  });
});

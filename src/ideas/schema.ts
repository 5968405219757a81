import { z } from "zod";

/** A mentor as written in the ideas file. `handle` is a GitHub login without the `@`, when one is given. */
export const MentorSchema = z.object({
  name: z.string(),
  handle: z.string().min(1).nullable(),
});

/** A link found in an idea that is not an upstream issue (the LFX page, a design doc, …). */
export const LinkSchema = z.object({
  label: z.string(),
  url: z.string().url(),
});

/** A field we keep but do not interpret (Expected outcome, Difficulty, Expected size, …). */
export const ExtraFieldSchema = z.object({
  label: z.string().min(1),
  text: z.string(),
});

export const IdeaSchema = z.object({
  /** Stable across reformatting: derived from the normalised project and title (6 hex digits; more for a collision, see IdAllocator). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*-[0-9a-f]{6,32}$/),
  project: z.string().min(1),
  /** A SIG or sub-project heading between the project and the idea, if any. */
  group: z.string().min(1).nullable(),
  title: z.string().min(1),
  /** Plain text, for search and short displays. */
  description: z.string(),
  /** The same description as markdown, for rich displays. */
  descriptionMarkdown: z.string(),
  /** Skills as written, one item each. */
  skills: z.array(z.string().min(1)),
  /** The skills mapped onto the canonical vocabulary (`golang` → `Go`). */
  canonicalSkills: z.array(z.string().min(1)),
  mentors: z.array(MentorSchema),
  /** Upstream issue URLs. */
  issues: z.array(z.string().url()),
  links: z.array(LinkSchema),
  extra: z.array(ExtraFieldSchema),
  /**
   * The term's key (`lfx-2026-3`, `gsoc-2025`; src/ideas/terms.ts), set from the source. Rows
   * stored before terms existed read as `other`.
   */
  term: z.string().min(1).default("other"),
  /** Whether the term's accepted list (or export) has it, or only its proposals. */
  stage: z.enum(["proposed", "accepted"]).default("proposed"),
  /** The source's label (a file name, or the label given in IDEAS_SOURCES). */
  source: z.string().min(1),
  /** 1-based line of the idea's heading in the source. */
  line: z.number().int().positive(),
});

export type Mentor = z.infer<typeof MentorSchema>;
export type Link = z.infer<typeof LinkSchema>;
export type Idea = z.infer<typeof IdeaSchema>;
export type Stage = Idea["stage"];

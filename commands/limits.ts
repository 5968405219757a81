import { z } from "zod";
import { MAX_QUERY_LENGTH } from "../src/catalog/query.ts";

/**
 * The input limits of every command, with the message that says each, in one place: a skills list
 * is refused the same way by recommend and subscribe, and Discord registers the same max_length.
 * The query parser guards its own input with MAX_QUERY_LENGTH too (src/catalog/query.ts), so the
 * search limit is that one.
 */
export { MAX_QUERY_LENGTH };
export const MAX_SKILLS_LENGTH = 200;
export const MAX_PROJECT_LENGTH = 100;
export const MAX_TERM_LENGTH = 40;
export const MAX_ID_LENGTH = 100;

/** Words to search for, with filters. */
export const queryText = () => z.string().max(MAX_QUERY_LENGTH, `Please keep a search under ${MAX_QUERY_LENGTH} characters.`);

/** A comma-separated skills list (filters may follow). */
export const skillsList = () => z.string().max(MAX_SKILLS_LENGTH, `Please keep the skills list under ${MAX_SKILLS_LENGTH} characters.`);

/** A project or group name. */
export const projectName = () => z.string().max(MAX_PROJECT_LENGTH, `Please keep the project name under ${MAX_PROJECT_LENGTH} characters.`);

/** A term key or word: lfx-2026-3, 2025, gsoc, all. */
export const termName = () => z.string().max(MAX_TERM_LENGTH, "A term is short, like lfx-2026-3, 2025, gsoc or all.");

/** An idea's id. */
export const ideaId = () => z.string().max(MAX_ID_LENGTH, "Idea ids are short, like kubearmor-1a2b3c.");

/**
 * Real-data test: lfx-2023-term2-ideas.md, i.e. data/cncf-mentoring/programs/lfx-mentorship/2023/02-Jun-Aug/project_ideas.md of the bundled catalogue.
 * The expectations were established by reading the markdown by hand (cat -n, grep), not by running
 * the parser; the conventions they assume, and the checks every corpus file gets, are in ./helpers.ts.
 */
import { corpusSuite, type FileExpectation } from "./helpers.ts";

// lfx-2023-term2-ideas.md: only a Template inside a code fence and an empty "Proposed Project
// ideas" section: no idea at all.
const EXPECTED: FileExpectation = { file: "lfx-2023-term2-ideas.md", count: 0, projects: [], ideas: [] };

corpusSuite(EXPECTED);

import { describe, expect, it, vi } from "vitest";
import { dispatch } from "../../commands/index.ts";
import { AnswerStore, PagedAnswers } from "../../src/paging.ts";
import { refusalOf, type Reply } from "../../src/reply.ts";
import { smallCatalog } from "../helpers.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { tempDir } from "../announce/helpers.ts";
import { until } from "../adapters/slack/loopback.ts";

const MANY_SKILLS = "go, k8s, rust, react, c++, python, technical writing";
const context = (userId: string) => ({ catalog: smallCatalog(), platform: "shell" as const, userId });

describe("PagedAnswers", () => {
  it("re-runs the stored command for page N for its asker", async () => {
    const answers = new PagedAnswers(dispatch);
    const token = answers.start({ command: "recommend", input: { skills: MANY_SKILLS } }, "ada");
    const second = await answers.resume(token, 2, context("ada"));
    expect(second).toMatchObject({ kind: "cards", page: 2, pageCount: 2 });
    // A nonsense page is page 1, not a crash.
    expect(await answers.resume(token, Number.NaN, context("ada"))).toMatchObject({ kind: "cards", page: 1 });
  });

  it("refuses someone else, with the notAnswerOwner reason, without running anything", async () => {
    const run = vi.fn<(...args: unknown[]) => Promise<Reply>>();
    const answers = new PagedAnswers(run);
    const token = answers.start({ command: "search", input: { query: "rust" } }, "ada");
    const reply = await answers.resume(token, 2, context("mallory"));
    expect(refusalOf(reply)).toBe("notAnswerOwner");
    expect(reply).toMatchObject({ kind: "message", tone: "info", text: expect.stringContaining("Only the person who asked") });
    expect(run).not.toHaveBeenCalled();
  });

  it("says an answer expired (unknown token, or older than the store keeps), friendly, not an error", async () => {
    let now = 0;
    const answers = new PagedAnswers(dispatch, new AnswerStore({ maxEntries: 10, ttlMs: 1_000, now: () => now }));
    const token = answers.start({ command: "search", input: { query: "rust" } }, "ada");
    now = 2_000;
    for (const t of [token, "Zz_unknown"]) {
      const reply = await answers.resume(t, 1, context("ada"));
      expect(refusalOf(reply)).toBe("answerExpired");
      expect(reply).toMatchObject({ kind: "message", tone: "info", text: "This answer has expired. Please run the command again." });
    }
  });

  it("opens a token before any work, so an adapter can tell a refusal apart from the answer", async () => {
    const answers = new PagedAnswers(dispatch);
    const token = answers.start({ command: "search", input: { query: "rust" } }, "ada");
    expect(await answers.open(token, "ada")).toEqual({ ok: true, continuation: { command: "search", input: { query: "rust" } } });
    expect(await answers.open(token, "bob")).toMatchObject({ ok: false, refusal: { refusal: { reason: "notAnswerOwner" } } });
  });

  it("with a store behind it, a button works after a restart and on another process sharing the store; still only for its asker, still expiring", async () => {
    const dir = tempDir();
    const first = new SqliteStore(dir);
    const answered = new PagedAnswers(dispatch, new AnswerStore({ backing: first }));
    const token = answered.start({ command: "search", input: { query: "rust" } }, "ada");
    // The store runs its calls in order: the save is done once this load answers.
    expect(await first.loadAnswer(token)).toMatchObject({ ownerId: "ada" });
    await first.close();
    // A new process (a restart, or another replica) on the same store.
    const second = new SqliteStore(dir);
    let now = Date.now();
    const other = new PagedAnswers(dispatch, new AnswerStore({ backing: second, now: () => now }));
    expect(await other.open(token, "ada")).toEqual({ ok: true, continuation: { command: "search", input: { query: "rust" } } });
    expect(await other.open(token, "bob")).toMatchObject({ ok: false, refusal: { refusal: { reason: "notAnswerOwner" } } });
    expect(await other.open("Zz_unknown", "ada")).toMatchObject({ ok: false, refusal: { refusal: { reason: "answerExpired" } } });
    now += 2 * 60 * 60 * 1000;
    expect(await other.open(token, "ada")).toMatchObject({ ok: false, refusal: { refusal: { reason: "answerExpired" } } });
    await second.close();
  });

  it("a store that cannot save does not break the answer here: it is reported and the button still works in this process", async () => {
    const errors: unknown[] = [];
    const failing = { saveAnswer: () => Promise.reject(new Error("disk full")), loadAnswer: () => Promise.resolve(undefined) };
    const answers = new PagedAnswers(dispatch, new AnswerStore({ backing: failing, onError: (e) => errors.push(e) }));
    const token = answers.start({ command: "search", input: { query: "rust" } }, "ada");
    expect(await answers.open(token, "ada")).toMatchObject({ ok: true });
    await until(() => (errors.length ? true : undefined), 5_000);
    expect(String(errors[0])).toContain("disk full");
  });

  it("saved(token) resolves once that answer is in the store (adapters wait for it before sending the buttons), not for other answers' saves; a failed save does not hold it", async () => {
    const saves: Array<() => void> = [];
    const held = new Map<string, unknown>();
    const slow = {
      saveAnswer: (token: string, answer: unknown) => new Promise<void>((resolve) => saves.push(() => (held.set(token, answer), resolve()))),
      loadAnswer: async (token: string) => held.get(token) as never,
    };
    const answers = new PagedAnswers(dispatch, new AnswerStore({ backing: slow }));
    const token = answers.start({ command: "search", input: { query: "rust" } }, "ada");
    let done = false;
    const saved = answers.saved(token).then(() => (done = true));
    // Someone else's answer, its save still pending: it does not hold the first one's.
    const other = answers.start({ command: "search", input: { query: "go" } }, "bob");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    saves[0]!();
    await saved;
    expect(held.has(other)).toBe(false);
    // What another replica reading the same store finds now.
    expect(await new PagedAnswers(dispatch, new AnswerStore({ backing: slow })).open(token, "ada")).toMatchObject({ ok: true });
    const failing = new PagedAnswers(dispatch, new AnswerStore({ backing: { saveAnswer: () => Promise.reject(new Error("down")), loadAnswer: async () => undefined }, onError: () => {} }));
    const lost = failing.start({ command: "search", input: { query: "go" } }, "ada");
    await expect(failing.saved(lost)).resolves.toBeUndefined();
  });
});

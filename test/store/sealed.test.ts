import { describe, expect, it } from "vitest";
import { SealedRecordError, sealer } from "../../src/store/sealed.ts";

const KEY = "k".repeat(16) + "0123456789abcdef";
const TOKEN_RECORD = JSON.stringify({ team: { id: "T1" }, bot: { token: "xoxb-1-secret-token" } });

describe("sealed records", () => {
  it("with a key, a record holds none of its text and opens back to it; two seals of one text differ", () => {
    const box = sealer(KEY);
    const sealed = box.seal(TOKEN_RECORD);
    expect(sealed).not.toContain("xoxb");
    // The record's JSON shows nowhere (a quote is no base64url character; "T1" alone can occur by chance).
    expect(sealed).not.toContain('"team":{"id":"T1"}');
    expect(sealed).not.toContain('"');
    expect(box.open(sealed)).toBe(TOKEN_RECORD);
    expect(box.seal(TOKEN_RECORD)).not.toBe(sealed);
    // Another process with the same key opens it.
    expect(sealer(KEY).open(sealed)).toBe(TOKEN_RECORD);
  });

  it("another key, a changed record, or no key: a clear error, never garbage", () => {
    const sealed = sealer(KEY).seal(TOKEN_RECORD);
    expect(() => sealer(`${KEY}x`).open(sealed)).toThrow(SealedRecordError);
    const flipped = sealed.slice(0, -2) + (sealed.endsWith("A") ? "B" : "A") + sealed.slice(-1);
    expect(() => sealer(KEY).open(flipped)).toThrow(/cannot be opened with this ENCRYPTION_KEY/);
    expect(() => sealer().open(sealed)).toThrow(/set ENCRYPTION_KEY/);
  });

  it("without a key records are kept as they are; a key set later still reads them", () => {
    const plain = sealer();
    expect(plain.sealing).toBe(false);
    expect(plain.seal(TOKEN_RECORD)).toBe(TOKEN_RECORD);
    expect(sealer(KEY).open(TOKEN_RECORD)).toBe(TOKEN_RECORD);
  });

  it("rotating: records sealed with the previous key still open, and are stale until sealed with the new one", () => {
    const NEW = "n".repeat(16) + "fedcba9876543210";
    const old = sealer(KEY).seal(TOKEN_RECORD);
    const rotating = sealer(NEW, KEY);
    expect(rotating.open(old)).toBe(TOKEN_RECORD);
    expect(rotating.stale(old)).toBe(true);
    const fresh = rotating.seal(TOKEN_RECORD);
    expect(rotating.stale(fresh)).toBe(false);
    expect(sealer(NEW).open(fresh)).toBe(TOKEN_RECORD);
    // A plain record is stale once there is a key; nothing is stale without one.
    expect(rotating.stale(TOKEN_RECORD)).toBe(true);
    expect(sealer().stale(TOKEN_RECORD)).toBe(false);
    // Neither key: a clear error still.
    expect(() => sealer(NEW, `${KEY}x`).open(old)).toThrow(SealedRecordError);
  });
});

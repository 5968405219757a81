import { describe, expect, it } from "vitest";
import type { Installation } from "@slack/bolt";
import { StoreInstallations } from "../../../adapters/slack/installations.ts";
import { sealer } from "../../../src/store/sealed.ts";
import { freshStore } from "../../announce/helpers.ts";

const OLD_KEY = "old-key-".repeat(5);
const NEW_KEY = "new-key-".repeat(5);
const installation = { team: { id: "T1", name: "One" }, enterprise: undefined, user: { id: "U1", token: undefined, scopes: undefined }, bot: { token: "xoxb-T1-token", scopes: ["commands"], id: "B1", userId: "UB1" }, isEnterpriseInstall: false } as Installation;

describe("StoreInstallations (Bolt's installation store in the bot's store)", () => {
  it("rotating ENCRYPTION_KEY: a record sealed with the old key is read, and sealed again with the new one as it is used", async () => {
    const store = freshStore();
    await new StoreInstallations(store, sealer(OLD_KEY)).storeInstallation(installation);
    const before = (await store.loadInstallation("slack", "T1"))!;
    const rotating = new StoreInstallations(store, sealer(NEW_KEY, OLD_KEY));
    expect(await rotating.botToken("T1")).toBe("xoxb-T1-token");
    const after = (await store.loadInstallation("slack", "T1"))!;
    expect(after).not.toBe(before);
    // Now the new key alone reads it; the old one no longer does.
    expect(await new StoreInstallations(store, sealer(NEW_KEY)).fetchInstallation({ teamId: "T1", isEnterpriseInstall: false, enterpriseId: undefined })).toMatchObject({ bot: { token: "xoxb-T1-token" } });
    expect(() => sealer(OLD_KEY).open(after)).toThrow();
    // Read again with the new key: nothing to do, the record stays as it is.
    await rotating.botToken("T1");
    expect(await store.loadInstallation("slack", "T1")).toBe(after);
    await store.close();
  });

  it("a record kept plain before ENCRYPTION_KEY was set is sealed once a key is set; an unknown team is no installation", async () => {
    const store = freshStore();
    await new StoreInstallations(store, sealer()).storeInstallation(installation);
    expect(await store.loadInstallation("slack", "T1")).toContain("xoxb-T1-token");
    expect(await new StoreInstallations(store, sealer(NEW_KEY)).botToken("T1")).toBe("xoxb-T1-token");
    expect(await store.loadInstallation("slack", "T1")).not.toContain("xoxb");
    expect(await new StoreInstallations(store, sealer(NEW_KEY)).botToken("T2")).toBeUndefined();
    await expect(new StoreInstallations(store, sealer(NEW_KEY)).fetchInstallation({ teamId: "T2", isEnterpriseInstall: false, enterpriseId: undefined })).rejects.toThrow(/no installation for T2/);
    await store.close();
  });
});

import { rmSync } from "node:fs";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { tempDir } from "../announce/helpers.ts";
import { storeContract } from "./contract.ts";

storeContract("SQLite", async () => {
  const dir = tempDir("ideas-contract-");
  const opened = [new SqliteStore(dir)];
  return {
    store: opened[0]!,
    reopen: async () => {
      const another = new SqliteStore(dir);
      opened.push(another);
      return another;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

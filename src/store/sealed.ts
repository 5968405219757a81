import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Secrets kept in the store (a Slack workspace's bot token) are sealed with ENCRYPTION_KEY, so a
 * dump of the database alone does not reveal them: AES-256-GCM from node:crypto (authenticated: a
 * record changed or sealed with another key fails to open instead of yielding garbage), a fresh
 * 12-byte IV per record, the key derived from ENCRYPTION_KEY with HKDF-SHA256. Without a key,
 * records are kept as they are, and a sealed record cannot be opened.
 *
 * A sealed record reads `sealed:v1:<iv>:<tag>:<ciphertext>` (base64url): the prefix tells it
 * from a plain one, so a key set later still reads what was stored before it (and seals it when
 * it is saved again).
 *
 * Rotating the key: the new one in ENCRYPTION_KEY, the old one in ENCRYPTION_KEY_PREVIOUS. Records
 * sealed with either open; `stale` tells the ones to seal again with the new key.
 */
const PREFIX = "sealed:v1:";
/** The shortest ENCRYPTION_KEY accepted: 32 characters, e.g. `openssl rand -base64 32` (44). */
export const MIN_KEY_LENGTH = 32;

export class SealedRecordError extends Error {}

export interface Sealer {
  /** Whether records are sealed (ENCRYPTION_KEY is set). */
  readonly sealing: boolean;
  seal(plain: string): string;
  /** The plain text of a record, sealed or not; throws SealedRecordError when it cannot be opened. */
  open(record: string): string;
  /** Whether a record that opens should be sealed again: kept plain while sealing, or sealed with the previous key. */
  stale(record: string): boolean;
}

function derive(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "ideas-bot", "stored secrets v1", 32));
}

/** The plain text, or null when `key` did not seal it. */
function unseal(key: Buffer, record: string): string | null {
  const [iv, tag, body] = record.slice(PREFIX.length).split(":").map((part) => Buffer.from(part, "base64url"));
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv!);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(body!), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

export function sealer(encryptionKey?: string, previousKey?: string): Sealer {
  const key = encryptionKey ? derive(encryptionKey) : null;
  const previous = encryptionKey && previousKey ? derive(previousKey) : null;
  return {
    sealing: key !== null,
    seal(plain) {
      if (!key) return plain;
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `${PREFIX}${[iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(":")}`;
    },
    open(record) {
      if (!record.startsWith(PREFIX)) return record;
      if (!key) throw new SealedRecordError("the record is sealed: set ENCRYPTION_KEY to the key it was sealed with");
      const plain = unseal(key, record) ?? (previous ? unseal(previous, record) : null);
      if (plain === null) throw new SealedRecordError("the record cannot be opened with this ENCRYPTION_KEY (another key, or the record was changed)");
      return plain;
    },
    stale(record) {
      if (!key) return false;
      return !record.startsWith(PREFIX) || unseal(key, record) === null;
    },
  };
}

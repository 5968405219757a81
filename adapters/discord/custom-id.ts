/**
 * The custom_id of every button and menu the bot sends: short, colon-separated, at most 100
 * characters (Discord's limit). A paged answer is a token of the AnswerStore (which holds the
 * command, its input and the asker); the rest carry the asker's user id themselves.
 *
 *   ideas:page:<token>:<page>        Previous / Next
 *   ideas:share:<token>:<page>       Share a page of cards in the channel
 *   ideas:sharei:<owner>:<ideaId>    Share one idea in the channel
 *   ideas:details:<owner|->          The Details menu (its values are idea ids); "-" = anyone
 */
export type ComponentAction =
  | { kind: "page"; token: string; page: number }
  | { kind: "share"; token: string; page: number }
  | { kind: "share-idea"; owner: string; id: string }
  | { kind: "details"; owner: string | null };

export const CUSTOM_ID_MAX = 100;
const PREFIX = "ideas";
const SAFE = /^[A-Za-z0-9_-]{1,64}$/;

export function encodeCustomId(action: ComponentAction): string {
  let id: string;
  switch (action.kind) {
    case "page":
      id = `${PREFIX}:page:${action.token}:${action.page}`;
      break;
    case "share":
      id = `${PREFIX}:share:${action.token}:${action.page}`;
      break;
    case "share-idea":
      id = `${PREFIX}:sharei:${action.owner}:${action.id}`;
      break;
    case "details":
      id = `${PREFIX}:details:${action.owner ?? "-"}`;
      break;
  }
  if (id.length > CUSTOM_ID_MAX) throw new RangeError(`custom_id longer than ${CUSTOM_ID_MAX} characters: ${id.slice(0, 40)}…`);
  return id;
}

/** Reads a custom_id back; null for anything this bot did not make (or an older format). */
export function decodeCustomId(customId: string): ComponentAction | null {
  const parts = customId.split(":");
  if (parts[0] !== PREFIX || customId.length > CUSTOM_ID_MAX) return null;
  const [, kind, a, b] = parts;
  if (!a || !SAFE.test(a)) return null;
  switch (kind) {
    case "page":
    case "share": {
      if (parts.length !== 4 || !b || !/^\d{1,6}$/.test(b)) return null;
      return { kind, token: a, page: Number(b) };
    }
    case "sharei":
      if (parts.length !== 4 || !b || !SAFE.test(b)) return null;
      return { kind: "share-idea", owner: a, id: b };
    case "details":
      if (parts.length !== 3) return null;
      return { kind: "details", owner: a === "-" ? null : a };
    default:
      return null;
  }
}

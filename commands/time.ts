/** How the admin commands say a time: one zone for everyone, whatever the server's. */

/** "14:03 UTC (3 min ago)", "… (in 12 min)", or "never". */
export function when(iso: string | number | null, now: Date): string {
  if (iso === null) return "never";
  const at = typeof iso === "number" ? iso : Date.parse(iso);
  if (!Number.isFinite(at)) return "never";
  const minutes = Math.round((at - now.getTime()) / 60_000);
  const relative = minutes === 0 ? "just now" : minutes > 0 ? `in ${duration(minutes)}` : `${duration(-minutes)} ago`;
  return `${clock(at)} (${relative})`;
}

function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} days`;
}

/** "2026-12-02 14:03 UTC". */
export function clock(at: string | number): string {
  const iso = new Date(at).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** "1 idea", "3 ideas". */
export function plural(count: number, word: string): string {
  return `${count.toLocaleString("en")} ${word}${count === 1 ? "" : "s"}`;
}

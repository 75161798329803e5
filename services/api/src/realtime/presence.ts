import type { PresenceMember } from '@dawg/contracts';
import type { RoomMember } from '@dawg/realtime';

/** Avatar colours with enough contrast for white initials. */
const AVATAR_COLOURS = ['#d4380d', '#08979c', '#531dab', '#ad6800', '#389e0d', '#096dd9', '#c41d7f', '#cf1322', '#1d39c4', '#5b8c00'];

/** The same colour for a user on every replica and in every tab: picked by a hash of the id. */
export function avatarColour(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return AVATAR_COLOURS[Math.abs(hash) % AVATAR_COLOURS.length]!;
}

/** "Mara Beats" → "MB", "jon" → "JO", "" → "?". */
export function initialsOf(displayName: string): string {
  const words = displayName.trim().split(/\s+/u).filter(Boolean);
  if (!words.length) return '?';
  const letters = words.length > 1 ? [words[0]!, words.at(-1)!].map((w) => [...w][0]!) : [...words[0]!].slice(0, 2);
  return letters.join('').toLocaleUpperCase();
}

/**
 * Everyone in a room, from its sockets on every replica: a user with several
 * tabs once, since the earliest of them; ordered by arrival.
 */
export function presenceMembers(sockets: readonly RoomMember[], displayNames: ReadonlyMap<string, string>): PresenceMember[] {
  const since = new Map<string, number>();
  for (const socket of sockets) since.set(socket.userId, Math.min(since.get(socket.userId) ?? Infinity, socket.joinedAt));
  return [...since]
    .sort(([a, x], [b, y]) => x - y || a.localeCompare(b))
    .map(([userId, joinedAt]) => {
      const displayName = displayNames.get(userId) ?? 'Someone';
      return { userId, displayName, initials: initialsOf(displayName), colour: avatarColour(userId), since: new Date(joinedAt).toISOString() };
    });
}

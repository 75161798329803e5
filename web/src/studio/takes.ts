/**
 * Takes: a recorded region of a track (a take group) whose clips are the
 * takes, one of them active (heard). Pure: which group a new recording
 * belongs to, and what the take picker shows.
 */

export interface TakeGroupShape {
  id: string;
  trackId: string;
  startBeat: number;
  lengthBeats: number;
  activeClipId: string | null;
  /** Oldest first. */
  clipIds: readonly string[];
}

export interface TakeClipShape {
  id: string;
  name: string;
  takeGroupId: string | null;
}

/**
 * The take group a recording on `trackId` from `startBeat` for `lengthBeats`
 * adds a take to: the group on that track it overlaps most, if any.
 */
export function takeGroupFor<G extends TakeGroupShape>(groups: readonly G[], trackId: string, startBeat: number, lengthBeats: number): G | undefined {
  let best: G | undefined;
  let bestOverlap = 0;
  for (const group of groups) {
    if (group.trackId !== trackId) continue;
    const overlap = Math.min(startBeat + lengthBeats, group.startBeat + group.lengthBeats) - Math.max(startBeat, group.startBeat);
    if (overlap > bestOverlap) {
      best = group;
      bestOverlap = overlap;
    }
  }
  return best;
}

export interface TakeChoice {
  clipId: string;
  name: string;
  /** 1-based, oldest first. */
  number: number;
}

export interface TakeBadge {
  takeGroupId: string;
  /** The clip the badge sits on. */
  activeClipId: string;
  /** "Take 2/3". */
  label: string;
  takes: TakeChoice[];
}

/** A badge for each take group with more than one take: on its active take, listing the takes to pick from. */
export function takeBadges(groups: readonly TakeGroupShape[], clips: readonly TakeClipShape[]): TakeBadge[] {
  const byId = new Map(clips.map((c) => [c.id, c]));
  const badges: TakeBadge[] = [];
  for (const group of groups) {
    const takes = group.clipIds.filter((id) => byId.get(id)?.takeGroupId === group.id).map((id, i): TakeChoice => ({ clipId: id, name: byId.get(id)!.name, number: i + 1 }));
    const active = takes.find((t) => t.clipId === group.activeClipId);
    if (takes.length < 2 || !active) continue;
    badges.push({ takeGroupId: group.id, activeClipId: active.clipId, label: `Take ${active.number}/${takes.length}`, takes });
  }
  return badges;
}

/** The take after (or before) the active one, wrapping around. */
export function adjacentTake(badge: TakeBadge, direction: 1 | -1): TakeChoice {
  const index = badge.takes.findIndex((t) => t.clipId === badge.activeClipId);
  return badge.takes[(index + direction + badge.takes.length) % badge.takes.length]!;
}

/** Inactive takes first, so the active take is drawn (and grabbed) on top of them. */
export function activeTakesLast<C extends { id: string; takeGroupId: string | null }>(clips: readonly C[], groups: readonly Pick<TakeGroupShape, 'id' | 'activeClipId'>[]): C[] {
  const active = new Map(groups.map((g) => [g.id, g.activeClipId]));
  const inactive = (c: C) => Boolean(c.takeGroupId && active.has(c.takeGroupId) && active.get(c.takeGroupId) !== c.id);
  return [...clips.filter(inactive), ...clips.filter((c) => !inactive(c))];
}

import crypto from "node:crypto";
import { DEFAULT_RULES, type SuggestionRules } from "./defaults";

// The rules engine: a person's 5-minute activity buckets → suggested blocks of work. Pure (no database,
// no clock), so the rules are tested on a written-out fixture and benchmarked on a year of rows.
//
// 1. Keep buckets at or above `min_productivity` (RescueTime: 2 very productive … -2 very distracting;
//    unknown counts as neutral 0) and outside `denied_categories`.
// 2. Each 5-minute slot goes to its dominant key: the activity (or category, by `group_by`) with most seconds.
// 3. Slots of one key merge while the time between them (empty slots, or slots another key dominated) is
//    at most `gap_minutes`; an interruption that short stays inside the block (its seconds count too).
// 4. A block's focus time is the sum of its buckets' seconds (buckets are rarely full), dropped below
//    `min_block_minutes`, rounded to the nearest `round_minutes` (never to 0); the block runs from its
//    first slot for that long, cut at the next block's start so that suggestions never overlap each other.
// 5. Existing entries are never overlapped: a block is trimmed to its longest free stretch (and flagged),
//    or dropped when what is left is shorter than `min_block_minutes` (or a minute).

export type Bucket = { startMs: number; seconds: number; activity: string; category: string | null; document: string | null; productivity: number | null };

export { DEFAULT_RULES, type SuggestionRules };

export type Mapping = { field: "activity" | "category" | "document"; pattern: string; projectId: number | null; taskId: number | null; tags: string[]; billable: boolean | null };

export type BlockActivity = { name: string; category: string | null; productivity: number | null; seconds: number };

export type Block = {
  key: string;
  /** The first slot's start: with the key, what makes the block's stable source key. */
  firstSlotMs: number;
  startMs: number;
  endMs: number;
  focusSeconds: number;
  activities: BlockActivity[];
  notes: string;
  trimmed: boolean;
  mapping: Mapping | null;
  documents: string[];
};

export type Interval = { startMs: number; endMs: number };

const SLOT_MS = 5 * 60_000;

type Slot = { startMs: number; key: string; buckets: Bucket[] };

function slotsOf(buckets: Bucket[], rules: SuggestionRules): Slot[] {
  const denied = new Set(rules.denied_categories.map((c) => c.toLowerCase()));
  const bySlot = new Map<number, Bucket[]>();
  for (const b of buckets) {
    if ((b.productivity ?? 0) < rules.min_productivity) continue;
    if (b.category && denied.has(b.category.toLowerCase())) continue;
    const list = bySlot.get(b.startMs);
    if (list) list.push(b);
    else bySlot.set(b.startMs, [b]);
  }
  const slots: Slot[] = [];
  for (const [startMs, list] of bySlot) {
    const totals = new Map<string, number>();
    for (const b of list) {
      const key = keyOf(b, rules);
      totals.set(key, (totals.get(key) ?? 0) + b.seconds);
    }
    let key = "";
    let best = -1;
    for (const [k, s] of totals) if (s > best || (s === best && k < key)) (key = k), (best = s);
    slots.push({ startMs, key, buckets: list });
  }
  return slots.sort((a, b) => a.startMs - b.startMs);
}

const keyOf = (b: Bucket, rules: SuggestionRules) => (rules.group_by === "category" ? (b.category ?? b.activity) : b.activity);

/** Sums of seconds by a name, most first (ties by name). */
function ranked<T>(items: Iterable<[string, number, T]>): { name: string; seconds: number; extra: T }[] {
  const sums = new Map<string, { name: string; seconds: number; extra: T }>();
  for (const [name, seconds, extra] of items) {
    const known = sums.get(name);
    if (known) known.seconds += seconds;
    else sums.set(name, { name, seconds, extra });
  }
  return [...sums.values()].sort((a, b) => b.seconds - a.seconds || (a.name < b.name ? -1 : 1));
}

function roundSeconds(seconds: number, roundMinutes: number): number {
  if (roundMinutes <= 0) return Math.max(60, Math.round(seconds / 60) * 60);
  const step = roundMinutes * 60;
  return Math.max(step, Math.round(seconds / step) * step);
}

/** The first mapping whose pattern is part of the block's activity, category or document text. */
export function mappingFor(block: Pick<Block, "activities" | "documents" | "key">, mappings: readonly Mapping[]): Mapping | null {
  for (const m of mappings) {
    const pattern = m.pattern.toLowerCase();
    const texts = m.field === "activity" ? block.activities.map((a) => a.name) : m.field === "category" ? block.activities.map((a) => a.category ?? "") : block.documents;
    if (texts.some((t) => t.toLowerCase().includes(pattern))) return m;
  }
  return null;
}

/** Buckets → blocks, before existing entries are considered. */
export function buildBlocks(buckets: Bucket[], rules: SuggestionRules = DEFAULT_RULES, mappings: readonly Mapping[] = []): Block[] {
  const slots = slotsOf(buckets, rules);
  const gapMs = rules.gap_minutes * 60_000;
  const blocks: Block[] = [];
  let i = 0;
  while (i < slots.length) {
    const key = slots[i].key;
    let last = i;
    for (let j = i + 1; j < slots.length; j++) {
      const gap = slots[j].startMs - (slots[last].startMs + SLOT_MS);
      if (gap > gapMs) break;
      if (slots[j].key === key) last = j;
    }
    const inBlock = slots.slice(i, last + 1).flatMap((s) => s.buckets);
    const focusSeconds = inBlock.reduce((sum, b) => sum + b.seconds, 0);
    i = last + 1;
    if (focusSeconds < rules.min_block_minutes * 60 || focusSeconds <= 0) continue;
    const activities = ranked(inBlock.map((b) => [b.activity, b.seconds, b] as [string, number, Bucket])).map(({ name, seconds, extra }) => ({ name, category: extra.category, productivity: extra.productivity, seconds }));
    const ofKey = inBlock.filter((b) => keyOf(b, rules) === key);
    const documents = ranked(ofKey.filter((b) => b.document).map((b) => [b.document!, b.seconds, null] as [string, number, null])).map((d) => d.name);
    const first = inBlock[0].startMs;
    const block: Block = {
      key,
      firstSlotMs: first,
      startMs: first,
      endMs: first + roundSeconds(focusSeconds, rules.round_minutes) * 1000,
      focusSeconds,
      activities,
      notes: documents.length ? `${key}: ${documents[0]}` : key,
      trimmed: false,
      mapping: null,
      documents,
    };
    block.mapping = mappingFor(block, mappings);
    blocks.push(block);
  }
  // Rounding up may run into the next block: cut there.
  for (let k = 0; k + 1 < blocks.length; k++) if (blocks[k].endMs > blocks[k + 1].startMs) blocks[k].endMs = blocks[k + 1].startMs;
  return blocks;
}

/** A block without the parts that overlap `busy` (sorted or not): its longest free stretch, or null. */
export function trimBlock(block: Block, busy: readonly Interval[], minMs: number): Block | null {
  let pieces: Interval[] = [{ startMs: block.startMs, endMs: block.endMs }];
  for (const b of busy) {
    if (b.endMs <= block.startMs || b.startMs >= block.endMs) continue;
    pieces = pieces.flatMap((p) => {
      if (b.endMs <= p.startMs || b.startMs >= p.endMs) return [p];
      const out: Interval[] = [];
      if (b.startMs > p.startMs) out.push({ startMs: p.startMs, endMs: b.startMs });
      if (b.endMs < p.endMs) out.push({ startMs: b.endMs, endMs: p.endMs });
      return out;
    });
  }
  if (pieces.length === 1 && pieces[0].startMs === block.startMs && pieces[0].endMs === block.endMs) return block;
  const longest = pieces.sort((a, b) => b.endMs - b.startMs - (a.endMs - a.startMs))[0];
  if (!longest || longest.endMs - longest.startMs < Math.max(minMs, 60_000)) return null;
  return { ...block, startMs: longest.startMs, endMs: longest.endMs, trimmed: true };
}

/** Blocks that never overlap `busy` (the person's entries). */
export function suggestBlocks(buckets: Bucket[], rules: SuggestionRules, mappings: readonly Mapping[], busy: readonly Interval[]): Block[] {
  const minMs = rules.min_block_minutes * 60_000;
  return buildBlocks(buckets, rules, mappings).flatMap((b) => trimBlock(b, busy, minMs) ?? []);
}

/** The block's stable id across re-imports of its day (the contract's sha256(user|day|key|start), 16 hex). */
export const sourceKeyOf = (userId: number, day: string, block: Pick<Block, "key" | "firstSlotMs">) =>
  crypto.createHash("sha256").update(`${userId}|${day}|${block.key}|${block.firstSlotMs}`).digest("hex").slice(0, 16);

import { describe, expect, it } from "vitest";
import { workday } from "@/e2e/fakes/rescuetime/fixture";
import { buildBlocks, DEFAULT_RULES, sourceKeyOf, suggestBlocks, type Bucket, type Mapping } from "./rules";

// The rules on the fake RescueTime's known day (e2e/fakes/rescuetime/fixture.ts), read in UTC; every
// expected block is written out: start, end, focus seconds, notes, activities.

const buckets: Bucket[] = workday("2026-11-02").map((r) => ({
  startMs: Date.parse(`${r.date}Z`),
  seconds: r.seconds,
  activity: r.activity,
  category: r.category,
  document: r.document ?? null,
  productivity: r.productivity,
}));

const view = (blocks: ReturnType<typeof buildBlocks>) =>
  blocks.map((b) => ({
    start: new Date(b.startMs).toISOString().slice(11, 16),
    end: new Date(b.endMs).toISOString().slice(11, 16),
    focus: b.focusSeconds,
    notes: b.notes,
    activities: b.activities.map((a) => `${a.name} ${a.seconds}`),
    ...(b.trimmed ? { trimmed: true } : {}),
  }));

describe("turning 5-minute buckets into suggested blocks", () => {
  it("defaults: productive only, gaps up to 5 minutes merge, blocks under 5 minutes go, 5-minute rounding", () => {
    expect(view(buildBlocks(buckets, DEFAULT_RULES))).toEqual([
      // 9 slots of 280 s, the empty 09:45 slot bridged, 2 slots of 300 s: 3120 s ≈ 52 min → 50 min. Slack (neutral) left out.
      { start: "09:00", end: "09:50", focus: 3120, notes: "code: lib/suggestions/rules.ts", activities: ["code 3120"] },
      // YouTube (-2) is dropped; github.com dominates 4 slots (code's 60 s inside count); the 10:30 code slot
      // joins (no gap) but is not github's; 1200 s = 20 min.
      { start: "10:10", end: "10:30", focus: 1200, notes: "github.com: stint/pull/14", activities: ["github.com 960", "code 240"] },
      // The lone 120 s code fragment at 10:30 is under 5 minutes: dropped. 8 × 290 s = 2320 s ≈ 38.7 min → 40 min.
      { start: "14:00", end: "14:40", focus: 2320, notes: "docs.google.com: Invoice notes", activities: ["docs.google.com 2320"] },
    ]);
  });

  it("keeping neutral activity adds slack's block and its seconds inside the code block", () => {
    expect(view(buildBlocks(buckets, { ...DEFAULT_RULES, min_productivity: 0 }))).toEqual([
      { start: "09:00", end: "09:55", focus: 3300, notes: "code: lib/suggestions/rules.ts", activities: ["code 3120", "slack 180"] },
      { start: "10:10", end: "10:30", focus: 1200, notes: "github.com: stint/pull/14", activities: ["github.com 960", "code 240"] },
      { start: "11:00", end: "11:20", focus: 1200, notes: "slack", activities: ["slack 1200"] },
      { start: "14:00", end: "14:40", focus: 2320, notes: "docs.google.com: Invoice notes", activities: ["docs.google.com 2320"] },
    ]);
  });

  it("15-minute rounding, no gap tolerance, a 25-minute minimum", () => {
    expect(view(buildBlocks(buckets, { ...DEFAULT_RULES, round_minutes: 15, gap_minutes: 0, min_block_minutes: 25 }))).toEqual([
      // Without the bridge 09:00-09:45 (2520 s = 42 min → 45 min) stands alone; 09:50-10:00 (600 s) is under 25 minutes.
      { start: "09:00", end: "09:45", focus: 2520, notes: "code: lib/suggestions/rules.ts", activities: ["code 2520"] },
      { start: "14:00", end: "14:45", focus: 2320, notes: "docs.google.com: Invoice notes", activities: ["docs.google.com 2320"] },
    ]);
  });

  it("by category, with a denied category", () => {
    const blocks = buildBlocks(buckets, { ...DEFAULT_RULES, group_by: "category", denied_categories: ["writing"] });
    expect(view(blocks).map((b) => [b.start, b.end, b.notes])).toEqual([
      ["09:00", "09:50", "Editing & IDEs: lib/suggestions/rules.ts"],
      ["10:10", "10:30", "General Software Development: stint/pull/14"],
    ]);
  });

  it("never overlaps an existing entry: trimmed to the longest free stretch, or dropped", () => {
    const at = (hhmm: string) => Date.parse(`2026-11-02T${hhmm}:00Z`);
    const busy = [
      { startMs: at("09:20"), endMs: at("09:35") }, // splits the code block: 09:00-09:20 (20 min) and 09:35-09:50 (15 min)
      { startMs: at("10:05"), endMs: at("10:40") }, // covers the github.com block: gone
    ];
    expect(view(suggestBlocks(buckets, DEFAULT_RULES, [], busy))).toEqual([
      { start: "09:00", end: "09:20", focus: 3120, notes: "code: lib/suggestions/rules.ts", activities: ["code 3120"], trimmed: true },
      { start: "14:00", end: "14:40", focus: 2320, notes: "docs.google.com: Invoice notes", activities: ["docs.google.com 2320"] },
    ]);
  });

  it("the first matching mapping rule (activity, category or document text) gives project, task, tags and billable", () => {
    const invoice: Mapping = { field: "document", pattern: "INVOICE", projectId: 7, taskId: 70, tags: ["billing"], billable: true };
    const ide: Mapping = { field: "category", pattern: "ides", projectId: 8, taskId: null, tags: [], billable: false };
    const github: Mapping = { field: "activity", pattern: "github", projectId: 9, taskId: null, tags: [], billable: null };
    const blocks = buildBlocks(buckets, DEFAULT_RULES, [invoice, ide, github]);
    expect(blocks.map((b) => b.mapping?.projectId ?? null)).toEqual([8, 8, 7]); // github's block has code in it too: the category rule comes first
    expect(buildBlocks(buckets, DEFAULT_RULES, [github, ide]).map((b) => b.mapping?.projectId ?? null)).toEqual([8, 9, null]);
  });

  it("a block's source key is stable for the same user, day, key and first slot", () => {
    const [a] = buildBlocks(buckets);
    const [b] = buildBlocks([...buckets].reverse());
    expect(sourceKeyOf(1, "2026-11-02", a)).toBe(sourceKeyOf(1, "2026-11-02", b));
    expect(sourceKeyOf(1, "2026-11-02", a)).toMatch(/^[0-9a-f]{16}$/);
    expect(sourceKeyOf(2, "2026-11-02", a)).not.toBe(sourceKeyOf(1, "2026-11-02", a));
  });
});

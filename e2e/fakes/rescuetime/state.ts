// The fake RescueTime's data: per API key, 5-minute activity rows (wall-clock times without an offset, as
// RescueTime reports them in the account's zone), each optionally with the document it was spent on.

export type FakeRow = {
  /** Bucket start, `YYYY-MM-DDTHH:MM:SS`, a multiple of 5 minutes. */
  date: string;
  seconds: number;
  activity: string;
  category: string;
  productivity: -2 | -1 | 0 | 1 | 2;
  /** A window title or page inside the activity (answers restrict_kind=document). */
  document?: string;
};

export class FakeRescueTimeState {
  private readonly keys = new Map<string, FakeRow[]>();
  private readonly revoked = new Set<string>();

  /** A key that works, with its rows. */
  addKey(key: string, rows: FakeRow[] = []): void {
    this.keys.set(key, [...(this.keys.get(key) ?? []), ...rows]);
  }

  addRows(key: string, rows: FakeRow[]): void {
    this.addKey(key, rows);
  }

  /** The person revoked the key at rescuetime.com/anapi/manage: answered 401 from now on. */
  revoke(key: string): void {
    this.revoked.add(key);
  }

  isRevoked(key: string): boolean {
    return this.revoked.has(key);
  }

  rowsOf(key: string): FakeRow[] | undefined {
    return this.keys.get(key);
  }
}

/** The local date part of a bucket. */
export const dayOf = (row: FakeRow) => row.date.slice(0, 10);

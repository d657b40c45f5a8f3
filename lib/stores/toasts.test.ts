import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { toastError } from "./toast-error";
import { latestActionToast, MIN_AFTER_HOLD_MS, useToasts } from "./toasts";

const shown = () => useToasts.getState().toasts.map((t) => t.message);

describe("toasts", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useToasts.setState({ toasts: [] });
  });
  afterEach(() => vi.useRealTimers());

  it("expire after their duration, calling onExpire once; an action does not expire them", () => {
    const expired = vi.fn();
    const undone = vi.fn();
    const { push, dismiss } = useToasts.getState();
    push({ message: "Deleted a", onExpire: expired, durationMs: 1000 });
    const b = push({ message: "Deleted b", action: { label: "Undo", onClick: undone }, onExpire: expired, durationMs: 1000 });
    dismiss(b, "action");
    expect(shown()).toEqual(["Deleted a"]);
    vi.advanceTimersByTime(999);
    expect(shown()).toEqual(["Deleted a"]);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
    expect(expired).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it("stay while hovered or focused, then get the rest of their time (at least two seconds)", () => {
    const expired = vi.fn();
    const { push, hold } = useToasts.getState();
    const id = push({ message: "Deleted", onExpire: expired, durationMs: 6000 });
    vi.advanceTimersByTime(2000);
    hold(id, "hover", true);
    hold(id, "focus", true);
    vi.advanceTimersByTime(60_000);
    hold(id, "hover", false); // still focused
    vi.advanceTimersByTime(60_000);
    expect(shown()).toEqual(["Deleted"]);

    hold(id, "focus", false);
    vi.advanceTimersByTime(3999);
    expect(shown()).toEqual(["Deleted"]);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
    expect(expired).toHaveBeenCalledTimes(1);

    const late = push({ message: "Almost gone", durationMs: 6000 });
    vi.advanceTimersByTime(5900);
    hold(late, "hover", true);
    hold(late, "hover", false);
    vi.advanceTimersByTime(MIN_AFTER_HOLD_MS - 1);
    expect(shown()).toEqual(["Almost gone"]);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual([]);
  });

  it("the Undo shortcut acts on the newest toast that has an action", () => {
    const { push } = useToasts.getState();
    push({ message: "first", action: { label: "Undo", onClick: () => {} } });
    push({ message: "second", action: { label: "Undo", onClick: () => {} } });
    push({ message: "Saved." });
    expect(latestActionToast(useToasts.getState().toasts)?.message).toBe("second");
    expect(latestActionToast([])).toBeUndefined();
  });

  it("toastError shows an error with its prefix; errors reported before the store loaded show once it has", async () => {
    toastError(new Error("Down for maintenance."), "The timer did not stop:");
    expect(shown()).toEqual(["The timer did not stop: Down for maintenance."]);

    // A page's first load has toastError, not the store: a fresh pair of modules, the store loaded after.
    vi.resetModules();
    const early = await import("./toast-error");
    early.toastError(new Error("Stint could not be reached."), "The change was not saved:");
    early.toastError("not an Error");
    const later = await import("./toasts");
    expect(later.useToasts.getState().toasts.map((t) => [t.message, t.tone])).toEqual([
      ["The change was not saved: Stint could not be reached.", "error"],
      ["Something went wrong.", "error"],
    ]);
  });
});

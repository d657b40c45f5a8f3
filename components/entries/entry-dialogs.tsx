"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useCreateEntry, useDiscardTimer, useUpdateEntry } from "@/lib/queries/entries";
import { useTimer } from "@/lib/queries/timer";
import type { Entry } from "@/lib/queries/types";
import { useToasts } from "@/lib/stores/toasts";
import { toLocalParts } from "@/lib/time/period";
import { EntryForm, type EntryFormValues } from "./entry-form";

function valuesOf(entry: Entry, tz: string): EntryFormValues {
  const start = toLocalParts(new Date(entry.start_time), tz);
  const end = toLocalParts(entry.end_time ? new Date(entry.end_time) : new Date(), tz);
  return {
    notes: entry.notes,
    projectId: entry.project_id,
    taskId: entry.task_id,
    tags: entry.tag_list,
    billable: entry.billable,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
  };
}

/** Edit every field of a session; for the running one, its start. */
export function EditEntryDialog({ entry, timezone, onClose }: { entry: Entry | null; timezone: string; onClose: () => void }) {
  const update = useUpdateEntry();
  const discard = useDiscardTimer();
  const push = useToasts((s) => s.push);
  return (
    <Dialog open={entry !== null} onClose={onClose} title={entry?.is_active ? "Edit running session" : "Edit session"}>
      {entry && (
        <EntryForm
          key={entry.id}
          initial={valuesOf(entry, timezone)}
          mode={entry.is_active ? "running" : "edit"}
          submitLabel="Save"
          pending={update.isPending}
          error={update.error}
          onCancel={onClose}
          onSubmit={(values) => update.mutate({ id: entry.id, ...values }, { onSuccess: onClose })}
          extraAction={
            entry.is_active && (
              <Button
                type="button"
                className="button-danger"
                disabled={discard.isPending}
                onClick={() =>
                  discard.mutate(entry.id, {
                    onSuccess: () => {
                      push({ message: "Timer discarded: nothing was saved." });
                      onClose();
                    },
                  })
                }
              >
                Discard timer
              </Button>
            )
          }
        />
      )}
    </Dialog>
  );
}

/** Add a session that was not timed: start + end, or start + duration. */
export function ManualEntryDialog({ open, timezone, onClose }: { open: boolean; timezone: string; onClose: () => void }) {
  const create = useCreateEntry();
  const push = useToasts((s) => s.push);
  const running = useTimer().data?.timer;
  // The hour before now, or, while a timer runs, the hour before it started: the default never
  // overlaps the running timer (the same minutes would count twice, and the server would refuse).
  const until = running ? new Date(Math.min(Date.parse(running.start_time), Date.now())) : new Date();
  const end = toLocalParts(until, timezone);
  const start = toLocalParts(new Date(until.getTime() - 3_600_000), timezone);
  return (
    <Dialog
      open={open}
      onClose={() => {
        create.reset();
        onClose();
      }}
      title="Add a past session"
    >
      {open && (
        <EntryForm
          initial={{ notes: "", projectId: null, taskId: null, tags: [], billable: false, startDate: start.date, startTime: start.time, endDate: end.date, endTime: end.time }}
          mode="create"
          submitLabel="Add session"
          pending={create.isPending}
          error={create.error}
          onCancel={onClose}
          onSubmit={(values) =>
            create.mutate(values, {
              onSuccess: () => {
                push({ message: "Session added." });
                onClose();
              },
            })
          }
        />
      )}
    </Dialog>
  );
}

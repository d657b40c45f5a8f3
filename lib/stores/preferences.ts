"use client";

import { create } from "zustand";
import { persist } from "zustand/middleware";

export type Theme = "system" | "light" | "dark";

type Preferences = {
  theme: Theme;
  setTheme(theme: Theme): void;
  /** Running entries whose "Still working?" the user answered with yes, so it does not ask again. */
  keepRunning: number[];
  confirmStillWorking(entryId: number): void;
};

/** Preferences of this browser (not of the account): kept in localStorage. */
export const usePreferences = create<Preferences>()(
  persist(
    (set, get) => ({
      theme: "system",
      setTheme: (theme) => set({ theme }),
      keepRunning: [],
      confirmStillWorking: (entryId) => set({ keepRunning: [...get().keepRunning.slice(-20), entryId] }),
    }),
    { name: "stint-preferences" },
  ),
);

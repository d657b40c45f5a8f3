"use client";

import { usePathname } from "next/navigation";
import { useCallback, useId, useRef, useState } from "react";
import { AppLink } from "@/components/ui/app-link";
import { useDismiss } from "@/components/ui/use-dismiss";
import { useHydrated } from "@/components/ui/use-hydrated";
import { usePendingCount } from "@/lib/queries/pending-count";

export const NAV_LINKS: { href: string; label: string; managers?: boolean }[] = [
  { href: "/", label: "Timer" },
  { href: "/overview", label: "Overview" },
  { href: "/review", label: "Review" },
  { href: "/reports", label: "Reports" },
  { href: "/team", label: "Team", managers: true },
  { href: "/projects", label: "Projects" },
  { href: "/clients", label: "Clients" },
  { href: "/tags", label: "Tags" },
  { href: "/settings", label: "Settings" },
];

const isCurrent = (href: string, path: string) => (href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`));

/**
 * The main navigation. On a wide screen the links sit in the header; on a phone they fold into a
 * disclosure menu behind the "Menu" button (CSS decides which shows, so the server renders one markup).
 * The menu closes on Escape (focus back on the button), on a click outside and on navigation.
 * `showTeam`: the Team page's link, for those whose role in the workspace may see the team (the layout asks the policy).
 * `reviewCount`: the suggestions waiting in Review, as the server counted them; react-query keeps it fresh.
 * Its code loads after the page's (components/header-parts.tsx): until then the links are plain links
 * and the Menu button is disabled.
 */
export function NavLinks({ showTeam = false, reviewCount }: { showTeam?: boolean; reviewCount?: number }) {
  const hydrated = useHydrated();
  const { data: pending = 0 } = usePendingCount(reviewCount);
  const path = usePathname();
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const nav = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const closeMenu = useCallback(() => setOpen(false), []);

  // A new page closes the menu (a link inside it was followed, or the browser went back).
  const [shownFor, setShownFor] = useState(path);
  if (shownFor !== path) {
    setShownFor(path);
    setOpen(false);
  }

  useDismiss(open, closeMenu, nav, toggle);

  return (
    <nav className="app-nav" aria-label="Main" ref={nav}>
      <AppLink href="/" className="brand">
        Stint
      </AppLink>
      <button
        ref={toggle}
        type="button"
        className="nav-toggle"
        aria-expanded={open}
        aria-controls={menuId}
        disabled={!hydrated}
        onClick={() => setOpen((o) => !o)}
      >
        <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
          {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
        </svg>
        Menu
      </button>
      <ul id={menuId} className="nav-list" data-open={open}>
        {NAV_LINKS.filter((l) => showTeam || !l.managers).map((l) => (
          <li key={l.href}>
            <AppLink href={l.href} aria-current={isCurrent(l.href, path) ? "page" : undefined} onClick={() => setOpen(false)}>
              {l.label}
              {l.href === "/review" && pending > 0 && (
                <>
                  <span className="nav-count" data-testid="review-count" aria-hidden="true">
                    {pending}
                  </span>
                  <span className="visually-hidden">, {pending} to review</span>
                </>
              )}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * When a deleted session's row leaves the page, focus would fall to <body>, and a keyboard user would
 * start again from the top. Instead it goes to the Delete button now at the same place in the list (the
 * next row's, or the previous row's after the last one), or to the list's heading when no row is left.
 * The list is the closest `[data-entry-list]` around the button; Delete buttons carry `data-action="delete"`.
 */
export function focusAfterDelete(button: HTMLElement, giveUpMs = 15_000): void {
  const list = button.closest<HTMLElement>("[data-entry-list]") ?? document.body;
  const row = button.closest("li") ?? button;
  const deleteButtons = () => [...list.querySelectorAll<HTMLElement>('[data-action="delete"]')];
  const index = deleteButtons().indexOf(button);

  const observer = new MutationObserver(() => {
    if (row.isConnected) return;
    stop();
    // Only if focus was lost with the row: never take it from where the user has moved it since.
    if (document.activeElement && document.activeElement !== document.body) return;
    const rest = deleteButtons();
    const target = rest[Math.min(index, rest.length - 1)] ?? list.querySelector<HTMLElement>("h1, h2, h3");
    if (!target) return;
    if (!target.matches("button, [tabindex]")) target.tabIndex = -1;
    target.focus();
  });
  // The row goes at once (optimistic) or when the server has answered; if it never goes, stop watching.
  const timeout = setTimeout(() => stop(), giveUpMs);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timeout);
  };
  observer.observe(list, { childList: true, subtree: true });
}

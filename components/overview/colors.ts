/** A project's colour; sessions without a project are drawn in the muted text colour of the theme. */
export function projectColor(color: string | null | undefined): string {
  return color || "var(--muted)";
}

export function projectName(name: string | null | undefined): string {
  return name ?? "No project";
}

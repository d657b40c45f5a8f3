// Small display helpers shared by the Integrations page and the entries list (the provider mark is in provider-mark.tsx).

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });

export const when = (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : null);
export const clock = (iso: string) => time.format(new Date(iso));

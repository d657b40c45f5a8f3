// How every page writes an amount of money: one formatter, so a figure reads the same on the Reports
// page, its share link, the project pages and the settings ("€180.00" everywhere, never "EUR 180.00"
// on one page and "€180.00" on another). Exports keep raw numbers with a currency column instead.

/**
 * The UI's locale for numbers: one fixed locale (as dates and totals use), so the server's HTML and the
 * browser's render match and hydrate alike.
 */
export const UI_LOCALE = "en";

// Building an Intl.NumberFormat costs far more than using one; a report table formats hundreds of cells.
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      // The currency's own minor unit: cents for EUR and USD, none for JPY.
      format = new Intl.NumberFormat(locale, { style: "currency", currency });
    } catch {
      // A code Intl rejects (not three letters) still shows its figure: "1,234.50 XX1" below.
      format = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formatters.set(key, format);
  }
  return format;
}

/** "€1,234.50", "$80.00", "¥1,235", "-€50.00": an amount in a currency (ISO 4217), as the UI writes it. */
export function formatMoney(amount: number, currency: string, locale: string = UI_LOCALE): string {
  const format = formatterFor(locale, currency);
  const text = format.format(amount);
  return format.resolvedOptions().style === "currency" ? text : `${text} ${currency}`;
}

/** "€80.00/h": an hourly rate; null when there is none. */
export function formatRate(rate: number | null | undefined, currency: string, locale: string = UI_LOCALE): string | null {
  return rate == null ? null : `${formatMoney(rate, currency, locale)}/h`;
}

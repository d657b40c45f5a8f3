// Names are spelled out here rather than asked of Intl.DisplayNames: the server's and the browser's ICU
// may name a currency differently, and the Settings page must render the same text on both (hydration).
const NAMES = {
  EUR: "Euro",
  USD: "US Dollar",
  GBP: "British Pound",
  CHF: "Swiss Franc",
  CAD: "Canadian Dollar",
  AUD: "Australian Dollar",
  NZD: "New Zealand Dollar",
  JPY: "Japanese Yen",
  CNY: "Chinese Yuan",
  INR: "Indian Rupee",
  SEK: "Swedish Krona",
  NOK: "Norwegian Krone",
  DKK: "Danish Krone",
  PLN: "Polish Zloty",
  CZK: "Czech Koruna",
  BRL: "Brazilian Real",
  MXN: "Mexican Peso",
  ZAR: "South African Rand",
  SGD: "Singapore Dollar",
  HKD: "Hong Kong Dollar",
} as const;

/** The currencies the Settings select offers; any other ISO 4217 code can be set through the API. */
export const COMMON_CURRENCIES = Object.keys(NAMES) as (keyof typeof NAMES)[];

/** A code the runtime knows as a currency (ISO 4217), e.g. EUR; where the runtime cannot list them, any three letters. */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const list = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("currency");
  return list ? list.includes(code) : true;
}

/** "EUR – Euro": how the select names a code (a code set through the API shows as itself). */
export function currencyLabel(code: string): string {
  const name = (NAMES as Record<string, string>)[code];
  return name ? `${code} – ${name}` : code;
}

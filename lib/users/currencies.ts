/** The currencies the Settings select offers first; any other ISO 4217 code can be typed in the API. */
export const COMMON_CURRENCIES = ["EUR", "USD", "GBP", "CHF", "CAD", "AUD", "NZD", "JPY", "CNY", "INR", "SEK", "NOK", "DKK", "PLN", "CZK", "BRL", "MXN", "ZAR", "SGD", "HKD"] as const;

/** A code the runtime knows as a currency (ISO 4217), e.g. EUR; where the runtime cannot list them, any three letters. */
export function isKnownCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const list = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("currency");
  return list ? list.includes(code) : true;
}

/** "EUR – Euro": how the select names a code. */
export function currencyLabel(code: string): string {
  try {
    const name = new Intl.DisplayNames(["en"], { type: "currency" }).of(code);
    return name && name !== code ? `${code} – ${name}` : code;
  } catch {
    return code;
  }
}

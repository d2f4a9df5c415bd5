/** Date values of the Date condition operators and the time keys. */

/** Epoch milliseconds of a date value: ISO 8601 text or epoch seconds, as the User Guide allows. */
export function parseDate(text: string): number | undefined {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Numbers typed into form fields on a phone keyboard. Each is NaN when the text is not such a number. */

/** A decimal ("2.5", and "2,5" as some keyboards type it). */
export function parseDecimal(text: string): number {
  const trimmed = text.trim().replace(',', '.')
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : NaN
}

/** A whole number of digits only: points, stock, places. */
export function parseWhole(text: string): number {
  const trimmed = text.trim()
  return /^\d+$/.test(trimmed) ? Number(trimmed) : NaN
}

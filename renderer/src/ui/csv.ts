/** Characters that make Excel read a cell as a formula (CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;

function cell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading apostrophe keeps Excel from running a description that starts like a formula.
  const safe = formulaStart.test(text) && typeof value !== 'number' ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/**
 * Rows as a CSV file Excel opens correctly on a Chinese Windows: UTF-8 with a byte-order mark
 * (without it Excel guesses GBK and garbles the text), CRLF line ends, every field quoted.
 */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

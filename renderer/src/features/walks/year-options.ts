/** The years a filter offers: five back, this one and the next (plans run ahead). */
export function yearOptions(now = new Date()): number[] {
  const current = now.getFullYear();
  return Array.from({ length: 7 }, (_, index) => current + 1 - index);
}

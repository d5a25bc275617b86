/** Inline-keyboard buttons two to a row: the layout /latest and /topics share. */
export function pairs<T>(items: T[]): T[][] {
  const rows: T[][] = []
  for (let i = 0; i < items.length; i += 2) rows.push(items.slice(i, i + 2))
  return rows
}

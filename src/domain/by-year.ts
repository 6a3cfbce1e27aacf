/**
 * Yearly parameters (income lines, "四小" rates) are configured for some years only. A year without its
 * own entry uses the latest configured year not after it — policy carries forward until it is changed,
 * and a past year must never borrow a later year's figures. A year before every configured one uses the
 * earliest, so the bot always has an answer instead of failing on an old record.
 */
export function pickByYear<T>(year: number, table: Readonly<Record<number, T>>): { year: number; value: T } {
  const years = Object.keys(table).map(Number).filter(Number.isInteger).sort((a, b) => a - b)
  if (years.length === 0) throw new RangeError('no yearly values configured')
  let chosen = years[0]!
  for (const y of years) if (y <= year) chosen = y
  return { year: chosen, value: table[chosen]! }
}

/**
 * Work-team minimum (docs/domain.md, from the campaign document): at least 8 people for a village of 300+
 * households or one not yet exited (预脱贫村, 贫困村); at least 6 otherwise (已脱贫村, 非贫困村).
 */
export function requiredTeamSize(village: { households: number; category: string }): number {
  const notYetExited = village.category === '预脱贫村' || village.category === '贫困村'
  return village.households >= 300 || notYetExited ? 8 : 6
}

/** The statuses of households poor now, whose people 贫困发生率 counts (docs/figures.md). */
export const POOR_NOW = ['未脱贫', '返贫'] as const

/** SQL: the people of village `code`'s households poor now, from village_status_counts (kept by triggers, 0016). */
export const poorPeopleSql = (code: string) =>
  `(SELECT COALESCE(SUM(c.people), 0) FROM village_status_counts c WHERE c.village_code = ${code} AND c.status IN (${POOR_NOW.map((x) => `'${x}'`).join(', ')}))`

/**
 * SQL for a fixed sample of a table's rows spread over the whole district: the same rows every run on
 * the same database (`REPEATABLE`), so two runs differ by the code and the machine, not the sample.
 *
 * - `BERNOULLI`, not `SYSTEM`: SYSTEM keeps whole pages, and the seed stores the registers in spatial
 *   order, so a page is one neighbourhood. The 200 cases `SYSTEM (0.1) … LIMIT 200` gave came from
 *   about ten places, most in the busiest hotspot (a median of 50,000 cases in a 300 m box);
 *   this sample's 200 lie in 151 places (median 3,600).
 * - Ordered by a hash of the id before `LIMIT`: physical order would keep the first band of the
 *   district. Choose `percent` so the sample holds a few times `limit` rows.
 */
export function sampleSql(select: string, table: string, percent: number, limit: number, where = 'true'): string {
  return `SELECT ${select} FROM ${table} TABLESAMPLE BERNOULLI (${percent}) REPEATABLE (20120501) WHERE ${where} ORDER BY hashint8(id) LIMIT ${limit}`;
}

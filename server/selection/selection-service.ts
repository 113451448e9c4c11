import { sql, type Kysely } from 'kysely';
import type { Polygon } from 'geojson';
import { scopeSql, type BeatScope } from '../access/jurisdiction.js';
import type { Database } from '../db/schema.js';
import { maskedRecord } from '../privacy/record-masking.js';
import { selectColumns } from '../registers/record-sql.js';
import type { RegisterSpec } from '../registers/register-spec.js';
import type { SelectedRegister } from './selection-schemas.js';

type Row = Record<string, unknown> & { id: number; geometry: SelectedRegister['items'][number]['geometry']; total: string | number };

/**
 * Live records of each register whose geometry intersects `polygon`, at most `limit` per register
 * (lowest ids first), with how many there are in all. One statement per register; `ST_Intersects`
 * against a constant geometry is answered from the register's GiST index on `geom`.
 */
export async function selectInside(db: Kysely<Database>, polygon: Polygon, specs: readonly RegisterSpec[], limit: number,
  scopeOf: (register: string) => BeatScope = () => 'all'): Promise<SelectedRegister[]> {
  const area = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(polygon)}), 4326)`;
  const out: SelectedRegister[] = [];
  // One after another: the embedded engine has a single backend anyway.
  for (const spec of specs) {
    const { rows } = await sql<Row>`
      SELECT ${selectColumns(spec)}, count(*) OVER () AS total
        FROM ${sql.table(spec.table)} r
       WHERE r.deleted_at IS NULL AND ST_Intersects(r.geom, ${area}) AND ${scopeSql(scopeOf(spec.id), 'r.beat_id')}
       ORDER BY r.id
       LIMIT ${limit}`.execute(db);
    if (rows.length === 0) continue;
    out.push({
      register: spec.id,
      title: spec.title,
      label: spec.label,
      total: Number(rows[0]!.total),
      items: rows.map((raw) => maskedRecord(spec, raw)).map((row) => ({
        id: row.id,
        label: row[spec.label] === null || row[spec.label] === undefined ? null : String(row[spec.label]),
        fields: Object.fromEntries(Object.keys(spec.fields).map((name) => [name, row[name] ?? null])),
        geometry: row.geometry ?? null,
      })),
    });
  }
  return out;
}

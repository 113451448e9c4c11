import type pg from 'pg';
import { lngLatToTile } from '../server/tiles/tile-math.js';

/** The z-`z` tile holding the most cases (from a 2 % sample), with its estimated case count: where a map is heaviest. */
export async function densestTile(pool: pg.Pool, z: number): Promise<{ x: number; y: number; count: number }> {
  const { rows } = await pool.query<{ x: number; y: number }>('SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM cases TABLESAMPLE SYSTEM (2) REPEATABLE (20120501)');
  const counts = new Map<string, number>();
  for (const { x, y } of rows) {
    const t = lngLatToTile(x, y, z);
    counts.set(`${t.x}/${t.y}`, (counts.get(`${t.x}/${t.y}`) ?? 0) + 1);
  }
  const [key, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  const [x, y] = key.split('/').map(Number) as [number, number];
  return { x, y, count: Math.round(n / 0.02) };
}

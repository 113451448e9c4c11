import type pg from 'pg';
import type { BeatRef } from './jurisdiction.js';

/** How long a read of the beats table serves: beats are redrawn by an admin, rarely, never per request. */
const TTL_MS = 30_000;

/**
 * The district's beats and their stations, for turning the policy into beat lists. Cached for a
 * short time and shared by concurrent callers; `refresh()` after a change in this process.
 */
export class BeatDirectory {
  private beats: BeatRef[] | null = null;
  private readAt = 0;
  private loading: Promise<BeatRef[]> | null = null;

  constructor(private readonly pool: pg.Pool) {}

  async all(): Promise<readonly BeatRef[]> {
    if (this.beats && Date.now() - this.readAt < TTL_MS) return this.beats;
    this.loading ??= this.load().finally(() => { this.loading = null; });
    return this.loading;
  }

  refresh(): Promise<readonly BeatRef[]> {
    this.readAt = 0;
    return this.all();
  }

  private async load(): Promise<BeatRef[]> {
    const { rows } = await this.pool.query<{ id: number; station_id: number }>('SELECT id, station_id FROM beats ORDER BY id');
    this.beats = rows.map((row) => ({ id: row.id, stationId: row.station_id }));
    this.readAt = Date.now();
    return this.beats;
  }
}

import { sql, type RawBuilder } from 'kysely';
import { decide, type Action, type Subject } from '../auth/policy.js';

/** A beat of the district and the station it belongs to. */
export interface BeatRef { id: number; stationId: number }

/**
 * Where a caller may do something to one register, as data the SQL can use: `all` (the whole
 * district, records outside any beat included) or the list of beats. An empty list means nowhere.
 */
export type BeatScope = 'all' | readonly number[];

/**
 * The scope of `action` on `register` for `subject`, derived from the pure policy (`decide`) by
 * asking it about every beat of the district and about a record outside any beat. The policy table
 * stays the one source of truth; this only turns its answers into a list the queries can filter by.
 */
export function scopeFor(subject: Subject, action: Action, register: string, beats: readonly BeatRef[]): BeatScope {
  const allowed = beats.filter((beat) => decide(subject, action, { kind: 'record', register, beatId: beat.id, stationId: beat.stationId }).allow)
    .map((beat) => beat.id);
  const outsideBeats = decide(subject, action, { kind: 'record', register, beatId: null, stationId: null }).allow;
  return outsideBeats && allowed.length === beats.length ? 'all' : allowed;
}

export const isNowhere = (scope: BeatScope) => scope !== 'all' && scope.length === 0;

export const inScope = (scope: BeatScope, beatId: number | null) => scope === 'all' || (beatId !== null && scope.includes(beatId));

/** The scope as one SQL array parameter: NULL for the whole district (prepared statements test `$n IS NULL`). */
export const scopeParam = (scope: BeatScope): number[] | null => (scope === 'all' ? null : [...scope]);

/** `column` within the scope, as a Kysely condition. */
export function scopeSql(scope: BeatScope, column: string): RawBuilder<unknown> {
  if (scope === 'all') return sql`true`;
  return sql`${sql.ref(column)} = ANY(${sql.val([...scope])}::integer[])`;
}

/** A short stable key of a scope, for caches and ETags (beats sorted, so equal scopes share entries). */
export function scopeKey(scope: BeatScope): string {
  return scope === 'all' ? 'all' : [...scope].sort((a, b) => a - b).join(',') || 'none';
}

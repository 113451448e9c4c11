import { Type, type Static } from '@sinclair/typebox';
import { decide, type Subject } from '../auth/policy.js';
import { REGISTERS } from '../registers/specs/index.js';
import { isNowhere, scopesOf, type BeatRef } from './jurisdiction.js';

export const AccessSummary = Type.Object({
  read: Type.Array(Type.String(), { description: 'registers the user may read somewhere in their jurisdiction' }),
  write: Type.Array(Type.String()),
  reveal: Type.Array(Type.String()),
  export: Type.Array(Type.String()),
  baseMap: Type.Boolean({ description: 'the base map (district, beats, streets, buildings, addresses)' }),
  audit: Type.Boolean(),
  admin: Type.Boolean(),
}, { description: 'what the client may offer this user; the server enforces it on every request regardless' });

/** What the user may do, by register, for the client to show only what works (the server checks every request anyway). */
export function accessSummary(subject: Subject, beats: readonly BeatRef[], fullSession: boolean): Static<typeof AccessSummary> {
  const scope = scopesOf(subject, beats);
  const registers = (action: 'read' | 'write' | 'reveal' | 'export') => (fullSession
    ? REGISTERS.filter((spec) => !isNowhere(scope(action, spec.id))).map((spec) => spec.id)
    : []);
  return {
    read: registers('read'), write: registers('write'), reveal: registers('reveal'), export: registers('export'),
    baseMap: fullSession,
    audit: fullSession && decide(subject, 'audit', { kind: 'audit_log' }).allow,
    admin: fullSession && decide(subject, 'admin', { kind: 'accounts' }).allow,
  };
}

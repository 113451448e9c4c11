import type { Role } from './account-tables.js';

/**
 * Who may do what where: a pure decision over role × action × jurisdiction. Routes resolve the
 * target's beat and station and ask; the answer says whether, and through which jurisdiction.
 *
 * | role              | read                         | write    | dispatch | reveal       | export                 | audit | admin |
 * |-------------------|------------------------------|----------|----------|--------------|------------------------|-------|-------|
 * | community_officer | own beats, own station       | own beats| –        | own beats    | own beats              | –     | –     |
 * | handover_officer  | own + handed-over beats      | own beats| –        | own beats    | own + handed-over beats| –     | –     |
 * | commander         | own station                  | –        | station  | own station  | own station            | –     | –     |
 * | analyst           | cases + aggregates, station* | –        | –        | –            | cases, station*        | –     | –     |
 * | auditor           | –                            | –        | –        | –            | –                      | log   | –     |
 * | admin             | –                            | –        | –        | –            | –                      | –     | accounts |
 * (* an analyst without a station reads the whole district.) Personal fields are masked in every read;
 * `reveal` is the only way to unmasked values, and is audited with a purpose.
 */
export const ACTIONS = ['read', 'write', 'dispatch', 'audit', 'admin', 'reveal', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

export interface Subject {
  role: Role;
  stationId: number | null;
  beatIds: readonly number[];
  handoverBeatIds: readonly number[];
}

/** What is acted on. Records carry their jurisdiction; a record outside any beat has beatId null. */
export type Resource =
  | { kind: 'record'; register: string; beatId: number | null; stationId: number | null }
  | { kind: 'aggregate'; stationId: number | null }
  | { kind: 'dispatch'; stationId: number | null }
  | { kind: 'audit_log' }
  | { kind: 'accounts' };

export type Scope = 'own_beat' | 'handover_beat' | 'own_station' | 'district' | 'audit_log' | 'accounts';

export type Decision = { allow: true; scope: Scope } | { allow: false; reason: string };

/** Registers an analyst reads record by record; everything else only as aggregates. */
export const ANALYST_REGISTERS: readonly string[] = ['cases'];

const deny = (reason: string): Decision => ({ allow: false, reason });
const allow = (scope: Scope): Decision => ({ allow: true, scope });

export function decide(subject: Subject, action: Action, resource: Resource): Decision {
  switch (subject.role) {
    case 'auditor':
      return action === 'audit' && resource.kind === 'audit_log' ? allow('audit_log') : deny('an auditor reads the audit log only');
    case 'admin':
      return action === 'admin' && resource.kind === 'accounts' ? allow('accounts') : deny('an admin manages accounts and beats, not register data');
    case 'community_officer':
      return communityOfficer(subject, action, resource);
    case 'handover_officer':
      return handoverOfficer(subject, action, resource);
    case 'commander':
      return commander(subject, action, resource);
    case 'analyst':
      return analyst(subject, action, resource);
  }
}

function communityOfficer(subject: Subject, action: Action, resource: Resource): Decision {
  if (resource.kind === 'aggregate') return action === 'read' && inStation(subject, resource.stationId) ? allow('own_station') : deny('outside your station');
  if (resource.kind !== 'record') return deny(`a community officer may not ${action} ${resource.kind}`);
  const own = inBeats(subject.beatIds, resource.beatId);
  switch (action) {
    case 'read':
      if (own) return allow('own_beat');
      return inStation(subject, resource.stationId) ? allow('own_station') : deny('outside your station');
    case 'write': case 'reveal': case 'export':
      return own ? allow('own_beat') : deny(`a community officer may ${action} in their own beats only`);
    default:
      return deny(`a community officer may not ${action}`);
  }
}

function handoverOfficer(subject: Subject, action: Action, resource: Resource): Decision {
  if (resource.kind !== 'record') return deny(`a handover officer may not ${action} ${resource.kind}`);
  const own = inBeats(subject.beatIds, resource.beatId);
  const handedOver = inBeats(subject.handoverBeatIds, resource.beatId);
  switch (action) {
    case 'read': case 'export':
      if (own) return allow('own_beat');
      return handedOver ? allow('handover_beat') : deny('not a beat of yours or being handed over to you');
    case 'write': case 'reveal':
      return own ? allow('own_beat') : deny(`a handover officer may ${action} in their own beats only`);
    default:
      return deny(`a handover officer may not ${action}`);
  }
}

function commander(subject: Subject, action: Action, resource: Resource): Decision {
  const stationId = 'stationId' in resource ? resource.stationId : null;
  if (!inStation(subject, stationId)) return deny('outside your station');
  if (resource.kind === 'dispatch') return action === 'dispatch' || action === 'read' ? allow('own_station') : deny(`a commander may not ${action} dispatch`);
  if (resource.kind === 'aggregate') return action === 'read' ? allow('own_station') : deny(`a commander may not ${action} aggregates`);
  if (resource.kind !== 'record') return deny(`a commander may not ${action} ${resource.kind}`);
  return action === 'read' || action === 'reveal' || action === 'export' ? allow('own_station') : deny(`a commander may not ${action} records`);
}

function analyst(subject: Subject, action: Action, resource: Resource): Decision {
  const stationId = 'stationId' in resource ? resource.stationId : null;
  const scope: Scope = subject.stationId === null ? 'district' : 'own_station';
  if (subject.stationId !== null && stationId !== subject.stationId) return deny('outside your station');
  if (resource.kind === 'aggregate') return action === 'read' ? allow(scope) : deny(`an analyst may not ${action} aggregates`);
  if (resource.kind !== 'record' || !ANALYST_REGISTERS.includes(resource.register)) return deny('an analyst reads cases and aggregates only');
  return action === 'read' || action === 'export' ? allow(scope) : deny(`an analyst may not ${action}`);
}

const inBeats = (beats: readonly number[], beatId: number | null) => beatId !== null && beats.includes(beatId);
const inStation = (subject: Subject, stationId: number | null) => subject.stationId !== null && stationId === subject.stationId;

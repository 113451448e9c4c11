import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createRecord, validBody } from '../../tests/helpers/register-fixtures.js';
import { useTestApp } from '../../tests/helpers/test-app.js';
import { registerById } from '../registers/specs/index.js';

let app: FastifyInstance;
useTestApp((built) => { app = built; });

const people = registerById('people')!;
const cases = registerById('cases')!;
const premises = registerById('premises')!;
const inspections = registerById('inspections')!;
const actor = {};

describe('links', () => {
  it('links a person to a case with a role, shows it from both ends, and removes it with a reason', async () => {
    const person = await createRecord(app, people, await validBody(app, people));
    const kase = await createRecord(app, cases, await validBody(app, cases));
    const made = await app.inject({
      method: 'POST', url: `/api/people/${person.id}/links`, headers: actor,
      payload: { type: 'involved_in', to_register: 'cases', to_id: kase.id, role: 'victim' },
    });
    expect(made.statusCode).toBe(201);
    const { linkId } = made.json();

    const fromPerson = (await app.inject(`/api/people/${person.id}/links`)).json();
    expect(fromPerson).toContainEqual({ linkId, type: 'involved_in', direction: 'out', role: 'victim', register: 'cases', id: kase.id, label: kase.case_no });
    const fromCase = (await app.inject(`/api/cases/${kase.id}/links`)).json();
    expect(fromCase).toContainEqual(expect.objectContaining({ linkId, direction: 'in', register: 'people', id: person.id, role: 'victim' }));

    const duplicate = await app.inject({
      method: 'POST', url: `/api/cases/${kase.id}/links`, headers: actor,
      payload: { type: 'involved_in', to_register: 'people', to_id: person.id, role: 'victim' },
    });
    expect(duplicate.statusCode).toBe(409);

    const removed = await app.inject({ method: 'DELETE', url: `/api/people/${person.id}/links/${linkId}`, headers: actor, payload: { reason: 'entered in error' } });
    expect(removed.statusCode).toBe(204);
    expect((await app.inject(`/api/people/${person.id}/links`)).json().some((l: { linkId: number }) => l.linkId === linkId)).toBe(false);
  });

  it.each([
    [{ type: 'involved_in', to_register: 'cases', role: 'bystander' }, 'role: must be one of victim, suspect, witness, reporter for a involved_in link'],
    [{ type: 'involved_in', to_register: 'premises' }, 'to_register: a involved_in link joins people to cases'],
    [{ type: 'involved_in', to_register: 'cases', role: 'victim', to_id: 999999 }, 'to_id: no live cases record with id 999999'],
  ])('refuses %j', async (payload, message) => {
    const person = await createRecord(app, people, await validBody(app, people));
    const kase = await createRecord(app, cases, await validBody(app, cases));
    const response = await app.inject({ method: 'POST', url: `/api/people/${person.id}/links`, headers: actor, payload: { to_id: kase.id, ...payload } });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(message);
  });

  it('derives links from reference fields and shared addresses, and hides deleted records', async () => {
    const shop = await createRecord(app, premises, await validBody(app, premises));
    const check = await createRecord(app, inspections, { ...(await validBody(app, inspections)), premises_id: shop.id });
    const links = (await app.inject(`/api/premises/${shop.id}/links`)).json();
    expect(links).toContainEqual(expect.objectContaining({ type: 'premises_id', direction: 'in', register: 'inspections', id: check.id }));
    expect((await app.inject(`/api/inspections/${check.id}/links`)).json())
      .toContainEqual(expect.objectContaining({ type: 'premises_id', direction: 'out', register: 'premises', id: shop.id, label: shop.name }));

    const { rows } = await app.database.pool.query<{ id: number }>("SELECT id FROM standard_addresses WHERE level = 'room' ORDER BY id LIMIT 1");
    const addressId = rows[0]!.id;
    const a = await createRecord(app, people, { ...(await validBody(app, people)), geometry: undefined, address_id: addressId });
    const b = await createRecord(app, people, { ...(await validBody(app, people)), geometry: undefined, address_id: addressId });
    expect((await app.inject(`/api/people/${a.id}/links`)).json())
      .toContainEqual(expect.objectContaining({ type: 'same_address', register: 'people', id: b.id }));

    await app.inject({ method: 'DELETE', url: `/api/people/${b.id}`, headers: { ...actor, 'if-match': '"1"' }, payload: { reason: 'moved out' } });
    expect((await app.inject(`/api/people/${a.id}/links`)).json().some((l: { id: number; register: string }) => l.register === 'people' && l.id === b.id)).toBe(false);
  });

  it('lists at most 50 records of a kind, the newest, for a busy address', async () => {
    const { pool } = app.database;
    // Sixty cases at one address, straight into the table (the API would take sixty requests).
    const { rows: [address] } = await pool.query<{ id: number; x: number; y: number }>(
      "SELECT id, ST_X(geom) AS x, ST_Y(geom) AS y FROM standard_addresses WHERE level = 'door' ORDER BY id DESC LIMIT 1");
    const { rows: made } = await pool.query<{ id: number }>(
      `INSERT INTO cases (case_no, code_system, code, occurred_from, reported_at, status, address_id, geom)
       SELECT 'BUSY' || n || '-' || $1::text, 'GA240.1', (SELECT code FROM case_codes WHERE system = 'GA240.1' ORDER BY code LIMIT 1),
              now(), now(), 'open', $1::integer, ST_SetSRID(ST_MakePoint($2, $3), 4326)
         FROM generate_series(1, 60) n RETURNING id`, [address!.id, address!.x, address!.y]);
    const ids = made.map((r) => Number(r.id)).sort((a, b) => a - b);
    const links = (await app.inject(`/api/cases/${ids[0]}/links`)).json() as { type: string; register: string; id: number }[];
    const sameAddress = links.filter((l) => l.type === 'same_address' && l.register === 'cases').map((l) => l.id);
    expect(sameAddress).toEqual(ids.slice(1).reverse().slice(0, 50));
    await pool.query("UPDATE cases SET deleted_at = now(), deleted_reason = 'test cleanup' WHERE id = ANY($1)", [ids]);
  });
});

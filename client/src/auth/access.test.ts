import { describe, expect, it } from 'vitest';
import { buildWorkspaceStyle } from '../map/workspace-style.js';
import { allowedGroups, allowedSources, canReveal, canWrite, hasRegisterData, styleForAccess } from './access.js';
import { readAccess } from './session.js';

const style = () => buildWorkspaceStyle({ origin: 'http://localhost:3000', today: '2026-07-01' });
const officer = readAccess({ read: ['people', 'houses', 'cameras', 'hydrants', 'cases'], write: ['hydrants'], reveal: ['people'], baseMap: true });
const analyst = readAccess({ read: ['cases'], baseMap: true });
const auditor = readAccess({ read: [], baseMap: true, audit: true });

describe('what the workspace offers a role', () => {
  it('loads only the base map and the registers the role reads (camera views with cameras)', () => {
    expect([...allowedSources(analyst)].sort()).toEqual(['addresses', 'beats', 'buildings', 'cases', 'communities', 'district', 'streets']);
    expect(allowedSources(officer).has('camera-views')).toBe(true);
    expect(allowedSources(officer).has('premises')).toBe(false);
    expect(allowedSources(readAccess({ read: [], baseMap: false })).size).toBe(0);
  });

  it('drops the other sources and their layers from the style', () => {
    const filtered = styleForAccess(style(), analyst);
    expect(Object.keys(filtered.sources)).toContain('cases');
    expect(Object.keys(filtered.sources)).not.toContain('people');
    expect(filtered.layers.some((l) => l.id === 'cases-circle')).toBe(true);
    expect(filtered.layers.some((l) => l.id === 'people-fill' || l.id === 'hydrants-circle')).toBe(false);
    expect(filtered.layers.some((l) => l.id === 'background')).toBe(true);
    expect(filtered.layers.some((l) => l.id === 'streets-line')).toBe(true);
  });

  it('lists the groups with anything to show', () => {
    expect(allowedGroups(analyst)).toEqual(['admin', 'beats', 'streets', 'buildings', 'addresses', 'cases']);
    expect(allowedGroups(officer)).toEqual(['admin', 'beats', 'streets', 'buildings', 'addresses', 'population', 'resources', 'fire', 'cases']);
    expect(allowedGroups(auditor)).toEqual(['admin', 'beats', 'streets', 'buildings', 'addresses']);
  });

  it('tells register data, write and reveal apart', () => {
    expect(hasRegisterData(officer)).toBe(true);
    expect(hasRegisterData(auditor)).toBe(false);
    expect(canWrite(officer, 'hydrants')).toBe(true);
    expect(canWrite(officer, 'people')).toBe(false);
    expect(canReveal(officer, 'people')).toBe(true);
    expect(canReveal(analyst, 'cases')).toBe(false);
  });
});

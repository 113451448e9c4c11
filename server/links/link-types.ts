/**
 * Hand-made links between records: the correlation graph as data. Links that a record's own fields
 * already express (an inspection's premises, a house's landlord, people at one address) are derived,
 * not stored; these are the ones that need an officer to say so.
 */
export interface LinkType {
  id: string;
  from: string;
  to: string;
  /** Allowed roles; when set, a role is required. */
  roles: readonly string[] | null;
  title: { zh: string; en: string };
}

export const LINK_TYPES: readonly LinkType[] = [
  { id: 'involved_in', from: 'people', to: 'cases', roles: ['victim', 'suspect', 'witness', 'reporter'], title: { zh: '涉案人员', en: 'person in case' } },
  { id: 'employed_by', from: 'people', to: 'premises', roles: ['owner', 'manager', 'staff', 'security'], title: { zh: '从业人员', en: 'employee' } },
  { id: 'related_case', from: 'cases', to: 'cases', roles: null, title: { zh: '关联案件', en: 'related case' } },
  { id: 'case_at_premises', from: 'cases', to: 'premises', roles: null, title: { zh: '案发单位', en: 'case at premises' } },
  { id: 'volunteer_covers', from: 'volunteers', to: 'premises', roles: null, title: { zh: '联系单位', en: 'volunteer covers premises' } },
];

export function linkType(id: string): LinkType | undefined {
  return LINK_TYPES.find((type) => type.id === id);
}

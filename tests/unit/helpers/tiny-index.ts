import { ENTITY_TYPES, NAME_FLAGS, type EntityType, type NameIndexFile } from '../../../utils/dataset/schema';
import { compileIndex } from '../../../utils/matcher';

const { FULL, SURNAME, PROMINENT, ACRONYM, COMMON } = NAME_FLAGS;

interface TinyEntity { id: string; label: string; type: EntityType; prior: number; names: [string, number][] }

/** A small hand-written index covering the matcher's hard cases. */
export const TINY: TinyEntity[] = [
  { id: 'Q96', label: 'Mexico', type: 'place', prior: 0.95, names: [['Mexico', FULL]] },
  { id: 'Q30', label: 'United States', type: 'place', prior: 1, names: [['United States', FULL], ['US', FULL | ACRONYM], ['U.S.', FULL]] },
  { id: 'Q57269', label: 'Felipe Calderón', type: 'person', prior: 0.8, names: [['Felipe Calderón', FULL], ['Calderón', SURNAME]] },
  { id: 'Q312644', label: 'Eric Holder', type: 'person', prior: 0.7, names: [['Eric Holder', FULL], ['Holder', SURNAME]] },
  { id: 'Q76', label: 'Barack Obama', type: 'person', prior: 0.99, names: [['Barack Obama', FULL], ['Obama', SURNAME | PROMINENT]] },
  { id: 'Q1015919', label: 'Ciudad Juárez', type: 'place', prior: 0.6, names: [['Ciudad Juárez', FULL], ['Juárez', FULL]] },
  { id: 'Q37116', label: 'AK-47', type: 'other', prior: 0.6, names: [['AK-47', FULL]] },
  { id: 'Q1282810', label: 'Bureau of Alcohol, Tobacco, Firearms and Explosives', type: 'organization', prior: 0.6, names: [['Bureau of Alcohol, Tobacco, Firearms and Explosives', FULL], ['ATF', FULL | ACRONYM]] },
  { id: 'Q61', label: 'Washington, D.C.', type: 'place', prior: 0.9, names: [['Washington, D.C.', FULL], ['Washington', FULL]] },
  { id: 'Q1223', label: 'Washington', type: 'place', prior: 0.6, names: [['Washington', FULL], ['Washington state', FULL]] },
  { id: 'Q23', label: 'George Washington', type: 'person', prior: 0.5, names: [['George Washington', FULL], ['Washington', SURNAME]] },
  { id: 'Q164746', label: 'The Wall Street Journal', type: 'organization', prior: 0.7, names: [['The Wall Street Journal', FULL], ['Wall Street Journal', FULL]] },
  { id: 'Q11696', label: 'United States Congress', type: 'organization', prior: 0.9, names: [['Congress', FULL]] },
  { id: 'X:both', label: 'Both', type: 'organization', prior: 0.1, names: [['Both', FULL]] },
  { id: 'Q1', label: 'Québec', type: 'place', prior: 0.6, names: [['Québec', FULL]] },
  { id: 'Q2', label: "Côte d'Ivoire", type: 'place', prior: 0.6, names: [["Côte d'Ivoire", FULL]] },
  { id: 'Q1486', label: 'Copenhagen', type: 'place', prior: 0.7, names: [['Copenhagen', FULL]] },
  { id: 'Q241497', label: 'David', type: 'place', prior: 0.3, names: [['David', FULL]] },
  { id: 'Q434706', label: 'Elizabeth Warren', type: 'person', prior: 0.7, names: [['Elizabeth Warren', FULL], ['Warren', SURNAME]] },
  { id: 'Q19666', label: 'United States Senate', type: 'organization', prior: 0.9, names: [['Senate', FULL]] },
  { id: 'X:ebay', label: 'eBay', type: 'organization', prior: 0.6, names: [['eBay', FULL]] },
  { id: 'X:economy', label: 'global economy', type: 'other', prior: 0.5, names: [['global economy', FULL]] },
  { id: 'X:holly-hunter', label: 'Holly Hunter', type: 'person', prior: 0.5, names: [['Holly Hunter', FULL]] },
  { id: 'X:holly-madison', label: 'Holly Madison', type: 'person', prior: 0.4, names: [['Holly Madison', FULL]] },
  { id: 'X:holly-johnson', label: 'Holly Johnson', type: 'person', prior: 0.4, names: [['Holly Johnson', FULL]] },
  { id: 'X:chelsea-clinton', label: 'Chelsea Clinton', type: 'person', prior: 0.5, names: [['Chelsea Clinton', FULL]] },
  { id: 'X:chelsea-manning', label: 'Chelsea Manning', type: 'person', prior: 0.5, names: [['Chelsea Manning', FULL]] },
  { id: 'X:chelsea-handler', label: 'Chelsea Handler', type: 'person', prior: 0.4, names: [['Chelsea Handler', FULL]] },
  { id: 'X:chelsea-fc', label: 'Chelsea FC', type: 'organization', prior: 0.6, names: [['Chelsea FC', FULL], ['Chelsea', FULL]] },
  { id: 'X:keanu-reeves', label: 'Keanu Reeves', type: 'person', prior: 0.7, names: [['Keanu Reeves', FULL], ['Reeves', SURNAME]] },
  { id: 'X:tate-reeves', label: 'Tate Reeves', type: 'person', prior: 0.55, names: [['Tate Reeves', FULL], ['Reeves', SURNAME]] },
  { id: 'X:baxter-town', label: 'Baxter', type: 'place', prior: 0.3, names: [['Baxter', FULL]] },
  { id: 'Q161491', label: 'Reading, Berkshire', type: 'place', prior: 0.35, names: [['Reading, Berkshire', FULL], ['Reading', FULL | COMMON]] },
];

export function tinyFile(): NameIndexFile {
  return {
    format: 1,
    datasetVersion: 'test',
    entities: TINY.map((e) => [e.id, e.label, ENTITY_TYPES.indexOf(e.type), e.prior]),
    names: TINY.flatMap((e, i) => e.names.map(([n, f]) => [n, i, f] as [string, number, number])),
  };
}

export function tinyIndex() {
  return compileIndex(tinyFile());
}

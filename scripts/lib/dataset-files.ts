/** Loads the built dataset from data/build for Node tools (CLI, eval, bench). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EntityRecord, NameIndexFile } from '../../utils/dataset/schema';
import { compileIndex, type NameIndex } from '../../utils/matcher';

export const BUILD_DIR = process.env.DOSSIER_DATA_DIR ? resolve(process.env.DOSSIER_DATA_DIR) : resolve(import.meta.dirname, '../../data/build');

export function loadIndex(): NameIndex {
  const file = JSON.parse(readFileSync(resolve(BUILD_DIR, 'names.json'), 'utf8')) as NameIndexFile;
  return compileIndex(file);
}

export function loadRecords(): EntityRecord[] {
  return JSON.parse(readFileSync(resolve(BUILD_DIR, 'entities.json'), 'utf8')) as EntityRecord[];
}

import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadExamUnitsByExamIds, type ExamUnitRow } from '../modules/exam/exam.service';

/** Per-request batching of relations, so a list never costs one query per row. */
export function createLoaders(em: EntityManager) {
  return {
    examUnitsByExamId: new DataLoader<string, ExamUnitRow[]>((examIds) => loadExamUnitsByExamIds(em, examIds)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

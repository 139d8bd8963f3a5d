import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadExamUnitsByExamIds, type ExamUnitRow } from '../modules/exam/exam.service';
import {
  loadApplicationHistory,
  loadApplicationUploads,
  loadSubjects,
  type ApplicationHistoryRow,
  type ApplicationUploadRow,
} from '../modules/registration/application-read.service';

/** Per-request batching of relations, so a list never costs one query per row. */
export function createLoaders(em: EntityManager) {
  return {
    examUnitsByExamId: new DataLoader<string, ExamUnitRow[]>((examIds) => loadExamUnitsByExamIds(em, examIds)),
    applicationHistory: new DataLoader<string, ApplicationHistoryRow[]>((ids) => loadApplicationHistory(em, ids)),
    /** Live (not deleted) uploads of each application. */
    applicationUploads: new DataLoader<string, ApplicationUploadRow[]>((ids) => loadApplicationUploads(em, ids)),
    examSubjectByCode: new DataLoader<string, { code: string; name: string } | null>((codes) => loadSubjects(em, codes)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

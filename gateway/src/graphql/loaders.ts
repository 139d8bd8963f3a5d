import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadExamUnitsByExamIds, type ExamUnitRow } from '../modules/exam/exam.service';
import type { PublicDataCache } from '../modules/exam/public-data-cache';
import {
  loadApplicationHistory,
  loadApplicationUploads,
  loadSubjects,
  type ApplicationHistoryRow,
  type ApplicationUploadRow,
} from '../modules/registration/application-read.service';

/** Per-request batching of relations, so a list never costs one query per row. */
export function createLoaders(em: EntityManager, publicData?: PublicDataCache) {
  return {
    examUnitsByExamId: new DataLoader<string, ExamUnitRow[]>((examIds) => loadExamUnitsByExamIds(em, examIds)),
    applicationHistory: new DataLoader<string, ApplicationHistoryRow[]>((ids) => loadApplicationHistory(em, ids)),
    /** Live (not deleted) uploads of each application. */
    applicationUploads: new DataLoader<string, ApplicationUploadRow[]>((ids) => loadApplicationUploads(em, ids)),
    /** Subjects are published data: from the process's cache when it has one (all of them, a few dozen rows). */
    examSubjectByCode: new DataLoader<string, { code: string; name: string } | null>(async (codes) => {
      if (!publicData?.isActive) return loadSubjects(em, codes);
      const all = await publicData.get('subjects:all', ['exam_subject'], async () => {
        const rows = await em.getConnection().execute<Array<{ code: string; name: string }>>(`select code, name from exam_subject`);
        return new Map(rows.map((r) => [r.code, r]));
      });
      return codes.map((code) => all.get(code) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

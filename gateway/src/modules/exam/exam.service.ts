import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../graphql/context';
import { ExamLevel, isWithinWindow } from './exam.entity';
import { PublicDataCache } from './public-data-cache';

export interface ExamRow {
  id: string;
  name: string;
  year: number;
  level: ExamLevel;
}

export interface ExamUnitRow {
  id: string;
  examId: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  registrationStartsAt: Date;
  registrationEndsAt: Date;
  paymentStartsAt: Date;
  paymentEndsAt: Date;
  consultPhones: string[];
  noticeUrl: string;
}

const LEVEL_ORDER = `case e.level when 'JUNIOR' then 1 when 'INTERMEDIATE' then 2 else 3 end`;

// Public reads return plain rows from one SQL statement each: entity hydration costs more than the query.
// They are also cached per process (PublicDataCache, invalidated by PostgreSQL notifications); cached
// rows are shared by every request and never modified.
export class ExamService {
  constructor(private readonly publicData: PublicDataCache = new PublicDataCache()) {}

  listExams(ctx: RequestContext): Promise<ExamRow[]> {
    return this.publicData.get('exams', ['exam'], () =>
      ctx.em.getConnection().execute<ExamRow[]>(`select e.id, e.name, e.year, e.level from exam e order by e.year desc, ${LEVEL_ORDER}`),
    );
  }

  async findExam(ctx: RequestContext, id: string): Promise<ExamRow | null> {
    if (!UUID_PATTERN.test(id)) return null;
    return this.publicData.get(`exam:${id.toLowerCase()}`, ['exam'], async () => {
      const rows = await ctx.em
        .getConnection()
        .execute<ExamRow[]>(`select e.id, e.name, e.year, e.level from exam e where e.id = ?`, [id]);
      return rows[0] ?? null;
    });
  }

  unitsOfExam(ctx: RequestContext, examId: string): Promise<ExamUnitRow[]> {
    return this.publicData.get(`units:${examId}`, ['exam_unit', 'registration_unit'], () => ctx.loaders.examUnitsByExamId.load(examId));
  }

  isRegistrationOpen(ctx: RequestContext, unit: ExamUnitRow): boolean {
    const now = ctx.clock.now();
    // A cached whole answer holds between the window edges around now: registrationOpen flips there.
    ctx.responseMark?.dependsOnWindow(now.getTime(), unit.registrationStartsAt.getTime(), unit.registrationEndsAt.getTime());
    return isWithinWindow(now, unit.registrationStartsAt, unit.registrationEndsAt);
  }
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TIMESTAMP_COLUMNS = ['registrationStartsAt', 'registrationEndsAt', 'paymentStartsAt', 'paymentEndsAt'] as const;
type TimestampColumn = (typeof TIMESTAMP_COLUMNS)[number];

export async function loadExamUnitsByExamIds(em: EntityManager, examIds: readonly string[]): Promise<ExamUnitRow[][]> {
  const rows = await em.getConnection().execute<Array<ExamUnitRow & Record<TimestampColumn, Date | string>>>(
    `select eu.id, eu.exam_id as "examId", u.id as "unitId", u.code as "unitCode", u.name as "unitName",
            eu.registration_starts_at as "registrationStartsAt", eu.registration_ends_at as "registrationEndsAt",
            eu.payment_starts_at as "paymentStartsAt", eu.payment_ends_at as "paymentEndsAt",
            eu.consult_phones as "consultPhones", eu.notice_url as "noticeUrl"
       from exam_unit eu join registration_unit u on u.id = eu.unit_id
      where eu.exam_id in (?)
      order by u.sort_order`,
    [examIds as string[]],
  );
  const byExam = new Map<string, ExamUnitRow[]>(examIds.map((id) => [id, []]));
  for (const row of rows) {
    // The driver returns timestamptz columns as strings; callers compare them as instants.
    for (const column of TIMESTAMP_COLUMNS) row[column] = new Date(row[column]);
    byExam.get(row.examId)?.push(row);
  }
  return examIds.map((id) => byExam.get(id) ?? []);
}

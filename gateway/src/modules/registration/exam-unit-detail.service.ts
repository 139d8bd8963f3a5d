import type { RequestContext } from '../../graphql/context';
import { ELIGIBILITY_ROUTES } from '../account/eligibility';
import { ExamLevel, isWithinWindow } from '../exam/exam.entity';
import { UUID_PATTERN } from '../exam/exam.service';
import { PublicDataCache } from '../exam/public-data-cache';
import type { ApplicationService } from './application.service';
import { withDates } from './application-read.service';
import type { NoticeKind } from './exam-unit-setup.entity';

export interface ExamUnitDetailRow {
  id: string;
  examId: string;
  examName: string;
  examYear: number;
  level: ExamLevel;
  unitId: string;
  unitCode: string;
  unitName: string;
  registrationStartsAt: Date;
  registrationEndsAt: Date;
  paymentStartsAt: Date;
  paymentEndsAt: Date;
  consultPhones: string[];
  noticeUrl: string;
  agreementText: string | null;
  acceptingOffice: string | null;
  reviewHint: string | null;
  perSubjectFen: number | null;
  perPersonFen: number | null;
}

export interface NoticeRow {
  id: string;
  kind: NoticeKind;
  title: string;
  body: string;
  publisher: string | null;
  publishedAt: Date;
}

export interface PointRow {
  id: string;
  name: string;
  address: string;
  phone: string;
  capacity: number | null;
  taken: number;
}

export interface CityRow {
  id: string;
  code: string;
  name: string;
  points: PointRow[];
}

export interface MaterialRow {
  code: string;
  name: string;
  description: string;
  required: boolean;
}

export interface SubjectRow {
  code: string;
  name: string;
  /** The previous exam year when the viewer passed this 中级 subject then (roll-over), else null. */
  rolledOverPassYear: number | null;
}

/**
 * What one unit shows for one exam across 报名导览 (public: no candidate data, except the signed-in
 * viewer's own roll-over passes). The root is one row; each list is its own statement, run only
 * when the client selects it.
 */
export class ExamUnitDetailService {
  constructor(
    private readonly applications: ApplicationService,
    /** Published data, cached per process and invalidated by PostgreSQL (rows are shared: read-only). */
    private readonly publicData: PublicDataCache = new PublicDataCache(),
  ) {}

  async find(ctx: RequestContext, examUnitId: string): Promise<ExamUnitDetailRow | null> {
    if (!UUID_PATTERN.test(examUnitId)) return null;
    return this.publicData.get(
      `detail:${examUnitId.toLowerCase()}`,
      ['exam_unit', 'exam', 'registration_unit', 'exam_unit_guide', 'fee_rule'],
      () => this.loadDetail(ctx, examUnitId),
    );
  }

  private async loadDetail(ctx: RequestContext, examUnitId: string): Promise<ExamUnitDetailRow | null> {
    const [row] = await ctx.em.execute<Array<Record<string, unknown>>>(
      `select eu.id, e.id as "examId", e.name as "examName", e.year as "examYear", e.level,
              u.id as "unitId", u.code as "unitCode", u.name as "unitName",
              eu.registration_starts_at as "registrationStartsAt", eu.registration_ends_at as "registrationEndsAt",
              eu.payment_starts_at as "paymentStartsAt", eu.payment_ends_at as "paymentEndsAt",
              eu.consult_phones as "consultPhones", eu.notice_url as "noticeUrl",
              g.agreement_text as "agreementText", g.accepting_office as "acceptingOffice", g.review_hint as "reviewHint",
              f.per_subject_fen as "perSubjectFen", f.per_person_fen as "perPersonFen"
         from exam_unit eu
         join exam e on e.id = eu.exam_id
         join registration_unit u on u.id = eu.unit_id
         left join exam_unit_guide g on g.exam_unit_id = eu.id
         left join fee_rule f on f.exam_unit_id = eu.id
        where eu.id = ?`,
      [examUnitId],
    );
    if (!row) return null;
    return withDates(row, ['registrationStartsAt', 'registrationEndsAt', 'paymentStartsAt', 'paymentEndsAt']) as unknown as ExamUnitDetailRow;
  }

  isRegistrationOpen(ctx: RequestContext, unit: ExamUnitDetailRow): boolean {
    return isWithinWindow(ctx.clock.now(), unit.registrationStartsAt, unit.registrationEndsAt);
  }

  /** 报考人员必读事项 first, then the unit's notices, then the cities'. */
  notices(ctx: RequestContext, examUnitId: string): Promise<NoticeRow[]> {
    return this.publicData.get(`notices:${examUnitId}`, ['exam_unit_notice'], () => this.loadNotices(ctx, examUnitId));
  }

  private async loadNotices(ctx: RequestContext, examUnitId: string): Promise<NoticeRow[]> {
    const rows = await ctx.em.execute<Array<Record<string, unknown>>>(
      `select id, kind, title, body, publisher, published_at as "publishedAt" from exam_unit_notice
        where exam_unit_id = ?
        order by case kind when 'MUST_READ' then 1 when 'UNIT' then 2 else 3 end, sort_order, published_at desc`,
      [examUnitId],
    );
    return rows.map((r) => withDates(r, ['publishedAt']) as unknown as NoticeRow);
  }

  /**
   * 报考地市 with their 报名点 for this exam. Cities and points are cached (their published columns
   * notify on change); `taken` moves on every 提交, so places left are read live, one indexed statement,
   * and never served stale (a short TTL would do for display, but exact costs little here).
   */
  async cities(ctx: RequestContext, unit: ExamUnitDetailRow): Promise<CityRow[]> {
    if (!this.publicData.isActive) return this.loadCities(ctx, unit);
    const [cities, taken] = await Promise.all([
      this.publicData.get(`cities:${unit.id}`, ['registration_city', 'registration_point'], () => this.loadCities(ctx, unit)),
      ctx.em.execute<Array<{ id: string; taken: number }>>(`select id, taken from registration_point where exam_unit_id = ?`, [unit.id]),
    ]);
    const takenById = new Map(taken.map((p) => [p.id, p.taken]));
    return cities.map((city) => ({ ...city, points: city.points.map((p) => ({ ...p, taken: takenById.get(p.id) ?? p.taken })) }));
  }

  /** 报考地市 with their 报名点 for this exam, in one statement. */
  private async loadCities(ctx: RequestContext, unit: ExamUnitDetailRow): Promise<CityRow[]> {
    const rows = await ctx.em.execute<Array<Record<string, any>>>(
      `select c.id as city_id, c.code as city_code, c.name as city_name,
              p.id as point_id, p.name as point_name, p.address, p.phone, p.capacity, p.taken
         from registration_city c
         left join registration_point p on p.city_id = c.id and p.exam_unit_id = ?
        where c.unit_id = ?
        order by c.sort_order, p.sort_order`,
      [unit.id, unit.unitId],
    );
    const cities = new Map<string, CityRow>();
    for (const row of rows) {
      let city = cities.get(row.city_id);
      if (!city) cities.set(row.city_id, (city = { id: row.city_id, code: row.city_code, name: row.city_name, points: [] }));
      if (row.point_id) {
        city.points.push({ id: row.point_id, name: row.point_name, address: row.address, phone: row.phone, capacity: row.capacity, taken: row.taken });
      }
    }
    return [...cities.values()];
  }

  materials(ctx: RequestContext, examUnitId: string): Promise<MaterialRow[]> {
    return this.publicData.get(`materials:${examUnitId}`, ['material_requirement'], () =>
      ctx.em.execute<MaterialRow[]>(
        `select code, name, description, required from material_requirement where exam_unit_id = ? order by sort_order`,
        [examUnitId],
      ),
    );
  }

  /** Subjects of the level; for a signed-in 中级 candidate, last year's passes are marked (they roll over). */
  async subjects(ctx: RequestContext, unit: ExamUnitDetailRow): Promise<SubjectRow[]> {
    const subjects = await this.publicData.get(`subjects:${unit.level}`, ['exam_subject'], () =>
      ctx.em.execute<Array<{ code: string; name: string }>>(`select code, name from exam_subject where level = ? order by sort_order`, [unit.level]),
    );
    const passes = ctx.viewer ? await this.applications.rolledOverPasses(ctx, ctx.viewer.id, unit.level, unit.examYear) : new Map();
    return subjects.map((s) => ({ ...s, rolledOverPassYear: passes.get(s.code) ?? null }));
  }

  feeWaiverCategories(ctx: RequestContext, examUnitId: string): Promise<Array<{ code: string; name: string; description: string }>> {
    return this.publicData.get(`waivers:${examUnitId}`, ['fee_waiver_category'], () =>
      ctx.em.execute<Array<{ code: string; name: string; description: string }>>(
        `select code, name, description from fee_waiver_category where exam_unit_id = ? order by code`,
        [examUnitId],
      ),
    );
  }

  eligibilityRoutes(level: ExamLevel): Array<{ id: string; label: string }> {
    return ELIGIBILITY_ROUTES.filter((r) => r.level === level).map((r) => ({ id: r.id, label: r.label }));
  }
}

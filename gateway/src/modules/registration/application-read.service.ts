import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../graphql/context';
import type { ExamLevel } from '../exam/exam.entity';
import { UUID_PATTERN } from '../exam/exam.service';
import type { ApplicationActorKind, ApplicationStatus, ApplicationStep } from './application.entity';
import type { PersonalInfo } from './application-rules';
import type { UploadPurpose } from './upload.entity';
import { prepared, preparedQuery } from '../../orm/raw-transaction';

/** An application as the candidate (and the reviewer) sees it: one row, joined in one statement. */
export interface ApplicationRow {
  id: string;
  accountId: string;
  examId: string;
  examName: string;
  examYear: number;
  level: ExamLevel;
  examUnitId: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  registrationStartsAt: Date;
  registrationEndsAt: Date;
  paymentStartsAt: Date;
  paymentEndsAt: Date;
  status: ApplicationStatus;
  currentStep: ApplicationStep;
  conditionRoute: string | null;
  cityId: string | null;
  cityCode: string | null;
  cityName: string | null;
  pointId: string | null;
  pointName: string | null;
  pointAddress: string | null;
  pointPhone: string | null;
  subjectCodes: string[];
  personalInfo: PersonalInfo | null;
  agreementAcceptedAt: Date | null;
  noticesAcknowledgedAt: Date | null;
  detailsConfirmedAt: Date | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  reviewReason: string | null;
  withdrawnAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  perSubjectFen: number | null;
  perPersonFen: number | null;
  acceptingOffice: string | null;
  reviewHint: string | null;
}

/** Each field of ApplicationRow and the column it is read from (the joins are APPLICATION_FROM's). */
const APPLICATION_FIELDS: Readonly<Record<keyof ApplicationRow, string>> = {
  id: 'a.id',
  accountId: 'a.account_id',
  examId: 'a.exam_id',
  examName: 'e.name',
  examYear: 'e.year',
  level: 'a.level',
  examUnitId: 'a.exam_unit_id',
  unitId: 'u.id',
  unitCode: 'u.code',
  unitName: 'u.name',
  registrationStartsAt: 'eu.registration_starts_at',
  registrationEndsAt: 'eu.registration_ends_at',
  paymentStartsAt: 'eu.payment_starts_at',
  paymentEndsAt: 'eu.payment_ends_at',
  status: 'a.status',
  currentStep: 'a.current_step',
  conditionRoute: 'a.condition_route',
  cityId: 'a.city_id',
  cityCode: 'c.code',
  cityName: 'c.name',
  pointId: 'a.point_id',
  pointName: 'p.name',
  pointAddress: 'p.address',
  pointPhone: 'p.phone',
  subjectCodes: 'a.subject_codes',
  personalInfo: 'a.personal_info',
  agreementAcceptedAt: 'a.agreement_accepted_at',
  noticesAcknowledgedAt: 'a.notices_acknowledged_at',
  detailsConfirmedAt: 'a.details_confirmed_at',
  submittedAt: 'a.submitted_at',
  reviewedAt: 'a.reviewed_at',
  reviewedBy: 'a.reviewed_by',
  reviewReason: 'a.review_reason',
  withdrawnAt: 'a.withdrawn_at',
  createdAt: 'a.created_at',
  updatedAt: 'a.updated_at',
  perSubjectFen: 'f.per_subject_fen',
  perPersonFen: 'f.per_person_fen',
  acceptingOffice: 'g.accepting_office',
  reviewHint: 'g.review_hint',
};
const APPLICATION_FIELD_NAMES = Object.keys(APPLICATION_FIELDS) as Array<keyof ApplicationRow>;

/** The columns of these ApplicationRow fields, each named as its field (the joins are APPLICATION_FROM's). */
export function applicationColumns(fields: ReadonlyArray<keyof ApplicationRow>): string {
  return fields.map((field) => `${APPLICATION_FIELDS[field]} as "${field}"`).join(', ');
}

/** The columns of an ApplicationRow, named as its fields (for statements that read more besides: `applicationRowOf`). */
export const APPLICATION_COLUMNS = applicationColumns(APPLICATION_FIELD_NAMES);
export const APPLICATION_FROM = `
    from application a
    join exam e on e.id = a.exam_id
    join exam_unit eu on eu.id = a.exam_unit_id
    join registration_unit u on u.id = eu.unit_id
    left join registration_city c on c.id = a.city_id
    left join registration_point p on p.id = a.point_id
    left join fee_rule f on f.exam_unit_id = a.exam_unit_id
    left join exam_unit_guide g on g.exam_unit_id = a.exam_unit_id`;
export const APPLICATION_SELECT = `select ${APPLICATION_COLUMNS}${APPLICATION_FROM}`;

const TIMESTAMPS = [
  'registrationStartsAt',
  'registrationEndsAt',
  'paymentStartsAt',
  'paymentEndsAt',
  'agreementAcceptedAt',
  'noticesAcknowledgedAt',
  'detailsConfirmedAt',
  'submittedAt',
  'reviewedAt',
  'withdrawnAt',
  'createdAt',
  'updatedAt',
] as const;

/** The driver returns timestamptz columns as strings; callers compare them as instants. */
export function withDates<T extends Record<string, unknown>>(row: T, columns: readonly string[]): T {
  const out: Record<string, unknown> = row;
  for (const column of columns) if (out[column] != null) out[column] = new Date(out[column] as string);
  return row;
}

export function toApplicationRow(row: Record<string, unknown>): ApplicationRow {
  return withDates(row, TIMESTAMPS) as unknown as ApplicationRow;
}

/** The ApplicationRow in a row that has APPLICATION_COLUMNS among others (only those fields), with `changes` applied. */
export function applicationRowOf(row: Record<string, unknown>, changes: Partial<ApplicationRow> = {}): ApplicationRow {
  const picked: Record<string, unknown> = {};
  for (const field of APPLICATION_FIELD_NAMES) picked[field] = field in changes ? changes[field] : row[field];
  return toApplicationRow(picked);
}

export interface ApplicationHistoryRow {
  applicationId: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  actorKind: ApplicationActorKind;
  actorId: string;
  at: Date;
  reason: string | null;
}

export interface ApplicationUploadRow {
  id: string;
  applicationId: string;
  accountId: string;
  purpose: UploadPurpose;
  materialCode: string | null;
  contentType: string;
  sizeBytes: number;
  width: number;
  height: number;
  createdAt: Date;
}

const HISTORY_COLUMNS = `application_id as "applicationId", from_status as "fromStatus", to_status as "toStatus", actor_kind as "actorKind",
            actor_id as "actorId", at, reason`;
const UPLOAD_COLUMNS = `id, application_id as "applicationId", account_id as "accountId", purpose, material_code as "materialCode",
            content_type as "contentType", size_bytes as "sizeBytes", width, height, created_at as "createdAt"`;

export async function loadApplicationHistory(em: EntityManager, ids: readonly string[]): Promise<ApplicationHistoryRow[][]> {
  const rows = await em.getConnection().execute<ApplicationHistoryRow[]>(
    `select ${HISTORY_COLUMNS} from application_history where application_id in (?) order by id`,
    [ids as string[]],
  );
  return groupBy(ids, rows.map(toHistoryRow));
}

export async function loadApplicationUploads(em: EntityManager, ids: readonly string[]): Promise<ApplicationUploadRow[][]> {
  const rows = await em.getConnection().execute<ApplicationUploadRow[]>(
    `select ${UPLOAD_COLUMNS} from application_upload where application_id in (?) and deleted_at is null order by created_at, id`,
    [ids as string[]],
  );
  return groupBy(ids, rows.map(toUploadRow));
}

function toHistoryRow(r: unknown): ApplicationHistoryRow {
  return withDates(r as Record<string, unknown>, ['at']) as unknown as ApplicationHistoryRow;
}

function toUploadRow(r: unknown): ApplicationUploadRow {
  return withDates(r as Record<string, unknown>, ['createdAt']) as unknown as ApplicationUploadRow;
}

/**
 * The application's live uploads and its history as JSON arrays in the same row (same columns and
 * order as the loaders above): the status page needs all three, one round trip instead of three.
 */
const WITH_RELATIONS = `,
    (select coalesce(json_agg(x order by x."createdAt", x.id), '[]') from (select ${UPLOAD_COLUMNS} from application_upload
       where application_id = a.id and deleted_at is null) x) as "uploads",
    (select coalesce(json_agg(h order by h.id), '[]') from (select id, ${HISTORY_COLUMNS} from application_history
       where application_id = a.id) h) as "history"`;
/** 报名状态 (myApplication), prepared: PostgreSQL spends far longer planning this statement than running it. */
const LIVE_APPLICATION_OF_ACCOUNT = prepared(
  'ccap_live_application_of_account',
  `select ${APPLICATION_COLUMNS}${WITH_RELATIONS}${APPLICATION_FROM}
    where a.account_id = $1 and a.exam_id = $2 and a.status <> 'WITHDRAWN'`,
);

export async function loadSubjects(em: EntityManager, codes: readonly string[]): Promise<Array<{ code: string; name: string } | null>> {
  const rows = await em.getConnection().execute<Array<{ code: string; name: string }>>(
    `select code, name from exam_subject where code in (?)`,
    [codes as string[]],
  );
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return codes.map((code) => byCode.get(code) ?? null);
}

function groupBy<T extends { applicationId: string }>(ids: readonly string[], rows: T[]): T[][] {
  const byId = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) byId.get(row.applicationId)?.push(row);
  return ids.map((id) => byId.get(id) ?? []);
}

/** Reads behind myApplication and the mutation results: plain rows, no entity hydration. */
export class ApplicationReadService {
  /** The candidate's live (not withdrawn) application for an exam. */
  async liveOfAccount(ctx: RequestContext, accountId: string, examId: string): Promise<ApplicationRow | null> {
    if (!UUID_PATTERN.test(examId)) return null;
    const [row] = await preparedQuery(ctx.db, LIVE_APPLICATION_OF_ACCOUNT, [accountId, examId]);
    if (!row) return null;
    const { uploads, history, ...application } = row as Record<string, unknown> & { uploads: unknown[]; history: Array<Record<string, unknown>> };
    // The field resolvers (photo, materials, history) read them through the request's loaders.
    ctx.loaders.applicationUploads.prime(row.id, uploads.map(toUploadRow));
    ctx.loaders.applicationHistory.prime(row.id, history.map(({ id: _id, ...h }) => toHistoryRow(h)));
    return toApplicationRow(application);
  }

  async byId(ctx: RequestContext, applicationId: string): Promise<ApplicationRow | null> {
    if (!UUID_PATTERN.test(applicationId)) return null;
    const [row] = await ctx.em.execute(`${APPLICATION_SELECT} where a.id = ?`, [applicationId]);
    return row ? toApplicationRow(row) : null;
  }
}

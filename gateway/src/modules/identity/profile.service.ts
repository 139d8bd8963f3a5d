import { AppError, ErrorCode } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import type { PiiProtector } from '../account/pii-protector';
import { validateDocumentNumber, type DocumentType } from '../account/identity-document';
import { EMPTY_PERSONAL_INFO, profileDateBounds, validatePersonalInfoFormat, type Gender, type PersonalInfo } from '../registration/application-rules';
import { toPersonalInfo } from '../registration/registration.inputs';
import { ETHNIC_GROUPS } from './ethnic-groups';
import { PROFILE_MESSAGES, ProfileErrorCode, profileFailure, type ProfileFailure } from './profile.errors';
import type { ProfileInput } from './profile.inputs';

/** PersonalInfo with every optional field present (null), as the GraphQL types declare them. */
type CompletePersonalInfo = ReturnType<typeof complete>;

export interface CandidateProfileView {
  realNameVerified: boolean;
  saved: boolean;
  personalInfo: CompletePersonalInfo;
  documentGender: Gender | null;
  birthDate: string | null;
  managementUnitCode: string | null;
  updatedAt: Date | null;
}

/** Every optional field spelled out, as the GraphQL output types expect. */
function complete(info: PersonalInfo) {
  const b = info.basic ?? {};
  return {
    basic: {
      gender: (b.gender ?? null) as Gender | null,
      ethnicity: b.ethnicity ?? null,
      politicalStatus: b.politicalStatus ?? null,
      email: b.email ?? null,
      mailingAddress: b.mailingAddress ?? null,
      postalCode: b.postalCode ?? null,
    },
    educations: (info.educations ?? []).map((e) => ({ ...e, certificateNumber: e.certificateNumber ?? null })),
    degrees: (info.degrees ?? []).map((d) => ({ ...d, certificateNumber: d.certificateNumber ?? null })),
    work: {
      employer: info.work?.employer ?? null,
      employerNature: info.work?.employerNature ?? null,
      position: info.work?.position ?? null,
      records: (info.work?.records ?? []).map((r) => ({ ...r, end: r.end ?? null, partTimeWhileStudying: r.partTimeWhileStudying ?? false })),
      accountantTitleSince: info.work?.accountantTitleSince ?? null,
      otherQualifications: (info.work?.otherQualifications ?? []).map((q) => ({ ...q, certificateNumber: q.certificateNumber ?? null })),
    },
  };
}

function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * 信息采集. Gender and birth date come from the 居民身份证号码 when there is one (the form shows them
 * fixed and the server overrides whatever was sent); saving requires 实名认证.
 */
export class ProfileService {
  constructor(private readonly deps: { pii: PiiProtector }) {}

  private requireViewer(ctx: RequestContext): string {
    if (!ctx.viewer) throw new AppError(ErrorCode.UNAUTHENTICATED);
    return ctx.viewer.id;
  }

  private async documentFacts(ctx: RequestContext, accountId: string) {
    const [row] = await ctx.em.execute<Array<{ document_type: DocumentType; document_number_encrypted: Buffer; real_name_verified_at: Date | null }>>(
      `select document_type, document_number_encrypted, real_name_verified_at from candidate_account where id = ?`,
      [accountId],
    );
    if (!row) throw new AppError(ErrorCode.UNAUTHENTICATED);
    let gender: Gender | null = null;
    let birthDate: string | null = null;
    if (row.document_type === 'RESIDENT_ID') {
      const parsed = validateDocumentNumber('RESIDENT_ID', this.deps.pii.decrypt('DOCUMENT_NUMBER', row.document_number_encrypted), { today: ctx.clock.now() });
      if (parsed.ok) {
        gender = parsed.gender ?? null;
        birthDate = parsed.birthDate ?? null;
      }
    }
    return { verified: row.real_name_verified_at !== null, gender, birthDate };
  }

  async get(ctx: RequestContext): Promise<CandidateProfileView> {
    const accountId = this.requireViewer(ctx);
    const facts = await this.documentFacts(ctx, accountId);
    const [row] = await ctx.em.execute<Array<{ personal_info: PersonalInfo; management_unit_code: string | null; updated_at: Date }>>(
      `select personal_info, management_unit_code, updated_at from candidate_profile where account_id = ?`,
      [accountId],
    );
    const info = complete(row?.personal_info ?? EMPTY_PERSONAL_INFO);
    if (facts.gender) info.basic.gender = facts.gender;
    return {
      realNameVerified: facts.verified,
      saved: !!row,
      personalInfo: info,
      documentGender: facts.gender,
      birthDate: facts.birthDate,
      managementUnitCode: row?.management_unit_code ?? null,
      updatedAt: row ? new Date(row.updated_at) : null,
    };
  }

  async managementUnits(ctx: RequestContext): Promise<Array<{ code: string; name: string }>> {
    return ctx.em.execute<Array<{ code: string; name: string }>>(`select code, name from registration_unit order by sort_order, code`);
  }

  async save(ctx: RequestContext, input: ProfileInput): Promise<{ ok: true; profile: CandidateProfileView } | ProfileFailure> {
    const accountId = this.requireViewer(ctx);
    const facts = await this.documentFacts(ctx, accountId);
    if (!facts.verified) return profileFailure(ProfileErrorCode.REAL_NAME_REQUIRED, PROFILE_MESSAGES.REAL_NAME_REQUIRED);
    const info = toPersonalInfo(input.personalInfo);
    if (facts.gender) {
      if (info.basic.gender && info.basic.gender !== facts.gender) {
        return profileFailure(ProfileErrorCode.PROFILE_INVALID, PROFILE_MESSAGES.GENDER_MISMATCH, 'personalInfo.basic.gender');
      }
      info.basic.gender = facts.gender;
    }
    if (info.basic.ethnicity && !ETHNIC_GROUPS.includes(info.basic.ethnicity)) {
      return profileFailure(ProfileErrorCode.PROFILE_INVALID, PROFILE_MESSAGES.ETHNICITY, 'personalInfo.basic.ethnicity');
    }
    const problem = validatePersonalInfoFormat(info, profileDateBounds(chinaDate(ctx.clock.now())));
    if (problem) return profileFailure(ProfileErrorCode.PROFILE_INVALID, problem.message, problem.field);
    for (const [i, e] of info.educations.entries()) {
      if (!e.school) return profileFailure(ProfileErrorCode.PROFILE_INVALID, '请填写毕业院校', `personalInfo.educations[${i}].school`);
      if (!e.major) return profileFailure(ProfileErrorCode.PROFILE_INVALID, '请填写所学专业', `personalInfo.educations[${i}].major`);
    }
    for (const [i, r] of info.work.records.entries()) {
      if (!r.employer) return profileFailure(ProfileErrorCode.PROFILE_INVALID, '请填写工作单位', `personalInfo.work.records[${i}].employer`);
    }
    const unitCode = input.managementUnitCode?.trim() || null;
    if (unitCode) {
      const [unit] = await ctx.em.execute(`select 1 from registration_unit where code = ?`, [unitCode]);
      if (!unit) return profileFailure(ProfileErrorCode.UNIT_NOT_FOUND, PROFILE_MESSAGES.UNIT_NOT_FOUND, 'managementUnitCode');
    }
    await ctx.em.execute(
      `insert into candidate_profile (account_id, personal_info, management_unit_code, updated_at) values (?, ?::jsonb, ?, ?)
       on conflict (account_id) do update set personal_info = excluded.personal_info, management_unit_code = excluded.management_unit_code, updated_at = excluded.updated_at`,
      [accountId, JSON.stringify(info), unitCode, ctx.clock.now()],
    );
    return { ok: true, profile: await this.get(ctx) };
  }
}

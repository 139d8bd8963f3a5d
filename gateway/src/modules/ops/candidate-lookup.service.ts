import { type RequestContext, withEntityManager } from '../../graphql/context';
import { auditUnmaskedRead, recordAudit } from '../audit/audit.service';
import { normalizeDocumentNumber, type DocumentType } from '../account/identity-document';
import { maskDocumentNumber, maskName, maskPhone, normalizePersonName } from '../account/person-name';
import { maskedDocumentLookupsFor } from '../account/masked-document-number';
import { normalizeMobile } from '../account/phone';
import type { PiiProtector } from '../account/pii-protector';
import { OpsErrorCode, opsFailure, type OpsFailure } from './ops.errors';

export interface CandidateSearchCriteria {
  /** The start of the name as registered (rare characters included), e.g. 张 or 欧阳. */
  namePrefix?: string | null;
  /** Exact 证件号码 of any document type (one containing * is taken as masked). */
  documentNumber?: string | null;
  /** 证件号码 as shown masked (1101**********1234); a single * stands for any number of hidden characters. */
  maskedDocumentNumber?: string | null;
  /** Exact 手机号 (+86 and spaces are ignored). */
  phone?: string | null;
}

export interface CandidateSummary {
  id: string;
  maskedName: string;
  documentType: DocumentType;
  maskedDocumentNumber: string;
  maskedPhone: string;
  registeredAt: Date;
}

export interface CandidateDetail {
  id: string;
  name: string;
  documentType: DocumentType;
  documentNumber: string;
  nationality: string | null;
  phone: string;
  registeredAt: Date;
}

export type CandidateSearchResult = { ok: true; candidates: CandidateSummary[]; nextCursor: string | null } | OpsFailure;
export type CandidateDetailResult = { ok: true; candidate: CandidateDetail } | OpsFailure;

export const CANDIDATE_SEARCH_PAGE_MAX = 50;
export const DETAIL_REASON_MIN_LENGTH = 4;
export const DETAIL_REASON_MAX_LENGTH = 200;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface CandidateRow {
  id: string;
  name: string;
  document_type: DocumentType;
  document_number_encrypted: Buffer;
  nationality: string | null;
  phone_encrypted: Buffer;
  created_at: string;
}

/** Keyset position of a name search: the last (name, id) shown. */
function encodeNameCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

function decodeNameCursor(cursor: string): [string, string] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string' && UUID_PATTERN.test(value[1])) {
      return [value[0], value[1]];
    }
  } catch {
    // not our cursor
  }
  return null;
}

/**
 * Finding candidates for the hotline and the review desks. Results are masked; the numbers are
 * decrypted only to be masked. Showing anything unmasked is `detail`, which needs a reason and
 * writes an audit record in the same transaction as the read.
 */
export class CandidateLookupService {
  constructor(private readonly pii: PiiProtector) {}

  async search(ctx: RequestContext, criteria: CandidateSearchCriteria, first: number, after: string | null): Promise<CandidateSearchResult> {
    // A 证件号码 typed with * is a masked one.
    if (criteria.documentNumber && /[*＊]/.test(criteria.documentNumber) && !criteria.maskedDocumentNumber?.trim()) {
      criteria = { ...criteria, documentNumber: null, maskedDocumentNumber: criteria.documentNumber };
    }
    const given = (['namePrefix', 'documentNumber', 'maskedDocumentNumber', 'phone'] as const).filter((key) => criteria[key]?.trim());
    if (given.length !== 1) return opsFailure(OpsErrorCode.SEARCH_CRITERIA, '请只填写姓名(开头部分)、证件号码、脱敏证件号码、手机号中的一项');
    const limit = Math.min(Math.max(first, 1), CANDIDATE_SEARCH_PAGE_MAX);
    const columns = `id, name, document_type, document_number_encrypted, nationality, phone_encrypted, created_at`;

    if (criteria.namePrefix?.trim()) {
      const prefix = normalizePersonName(criteria.namePrefix);
      const position = after ? decodeNameCursor(after) : null;
      if (after && !position) return opsFailure(OpsErrorCode.INVALID_CURSOR, '翻页参数无效,请重新查询');
      // Names cannot hold % or _, but the prefix typed here could: escaped, they match themselves.
      const pattern = `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
      // Byte order (~<~, the text_pattern_ops operators) so that the (name text_pattern_ops, id) index
      // both finds the prefix and yields the rows in order: a page of 张 costs the same as a page of 䶮.
      const rows = await ctx.em.execute<CandidateRow[]>(
        `select ${columns} from candidate_account
          where name like ? ${position ? 'and name ~>=~ ? and (name ~>~ ? or (name = ? and id > ?::uuid))' : ''}
          order by name using ~<~, id limit ${limit + 1}`,
        // The bare `name ~>=~ ?` is for the index: it starts the scan at the cursor instead of the prefix.
        position ? [pattern, position[0], position[0], position[0], position[1]] : [pattern],
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { ok: true, candidates: page.map((row) => this.summary(row)), nextCursor: rows.length > limit && last ? encodeNameCursor(last.name, last.id) : null };
    }

    if (criteria.maskedDocumentNumber?.trim()) return this.searchByMaskedDocument(ctx, criteria.maskedDocumentNumber, limit, after);

    // An exact identifier says whether one particular person is registered: recorded like a read.
    const byDocument = Boolean(criteria.documentNumber?.trim());
    const lookup = byDocument
      ? this.pii.lookupHash('DOCUMENT_NUMBER', normalizeDocumentNumber('RESIDENT_ID', criteria.documentNumber!))
      : this.pii.lookupHash('PHONE', normalizeMobile(criteria.phone!));
    return ctx.em.transactional(async (em) => {
      const rows = await em.execute<CandidateRow[]>(
        `select ${columns} from candidate_account where ${byDocument ? 'document_number_lookup' : 'phone_lookup'} = ?`,
        [lookup],
      );
      const candidates = rows.map((row) => this.summary(row));
      await recordAudit(
        withEntityManager(ctx, em),
        {
          action: 'CANDIDATE_SEARCHED',
          targetType: candidates.length === 1 ? 'CANDIDATE_ACCOUNT' : null,
          targetId: candidates[0]?.id ?? null,
          details: { by: byDocument ? 'DOCUMENT_NUMBER' : 'PHONE', found: candidates.length },
        },
      );
      return { ok: true as const, candidates, nextCursor: null };
    });
  }

  /**
   * By the keyed hash of the masked number (stored with each account): an index lookup, nothing is
   * decrypted but the page shown. Several accounts can share a masked number: keyset pages by id.
   * Recorded like the exact searches, without the pattern.
   */
  private async searchByMaskedDocument(ctx: RequestContext, typed: string, limit: number, after: string | null): Promise<CandidateSearchResult> {
    const lookups = maskedDocumentLookupsFor(this.pii, typed);
    if (!lookups) return opsFailure(OpsErrorCode.MASKED_NUMBER_FORMAT, '脱敏证件号码应如1101**********1234:前4位和后4位(不足12位的证件为前2位和后2位),中间为*');
    const afterId = after ? Buffer.from(after, 'base64url').toString('utf8') : null;
    if (afterId !== null && !UUID_PATTERN.test(afterId)) return opsFailure(OpsErrorCode.INVALID_CURSOR, '翻页参数无效,请重新查询');
    return ctx.em.transactional(async (em) => {
      const rows = await em.execute<CandidateRow[]>(
        `select id, name, document_type, document_number_encrypted, nationality, phone_encrypted, created_at from candidate_account
          where document_number_masked_lookup = any(array(select decode(unnest(?::text[]), 'hex'))) ${afterId ? 'and id > ?' : ''}
          order by id limit ${limit + 1}`,
        [`{${lookups.map((h) => h.toString('hex')).join(',')}}`, ...(afterId ? [afterId] : [])],
      );
      const page = rows.slice(0, limit);
      const candidates = page.map((row) => this.summary(row));
      await recordAudit(
        withEntityManager(ctx, em),
        {
          action: 'CANDIDATE_SEARCHED',
          targetType: candidates.length === 1 ? 'CANDIDATE_ACCOUNT' : null,
          targetId: candidates.length === 1 ? candidates[0]!.id : null,
          details: { by: 'MASKED_DOCUMENT_NUMBER', found: candidates.length, page: afterId ? 'next' : 'first' },
        },
      );
      const last = page.at(-1);
      return { ok: true as const, candidates, nextCursor: rows.length > limit && last ? Buffer.from(last.id).toString('base64url') : null };
    });
  }

  private summary(row: CandidateRow): CandidateSummary {
    return {
      id: row.id,
      maskedName: maskName(row.name),
      documentType: row.document_type,
      maskedDocumentNumber: maskDocumentNumber(this.pii.decrypt('DOCUMENT_NUMBER', row.document_number_encrypted)),
      maskedPhone: maskPhone(this.pii.decrypt('PHONE', row.phone_encrypted)),
      registeredAt: new Date(row.created_at),
    };
  }

  /** The unmasked record, for a stated reason; the audit record commits with the read or nothing is shown. */
  async detail(ctx: RequestContext, id: string, reason: string): Promise<CandidateDetailResult> {
    const why = reason.trim();
    const length = Array.from(why).length;
    if (length < DETAIL_REASON_MIN_LENGTH || length > DETAIL_REASON_MAX_LENGTH) {
      return opsFailure(OpsErrorCode.REASON_REQUIRED, `请填写查看原因(${DETAIL_REASON_MIN_LENGTH}至${DETAIL_REASON_MAX_LENGTH}个字),将记入审计日志`);
    }
    if (!UUID_PATTERN.test(id)) return opsFailure(OpsErrorCode.CANDIDATE_NOT_FOUND, '考生账号不存在');
    return ctx.em.transactional(async (em): Promise<CandidateDetailResult> => {
      const [row] = await em.execute<CandidateRow[]>(
        `select id, name, document_type, document_number_encrypted, nationality, phone_encrypted, created_at from candidate_account where id = ?`,
        [id],
      );
      if (!row) return opsFailure(OpsErrorCode.CANDIDATE_NOT_FOUND, '考生账号不存在');
      await auditUnmaskedRead(withEntityManager(ctx, em), { targetType: 'CANDIDATE_ACCOUNT', targetId: row.id, fields: ['name', 'documentNumber', 'phone'], reason: why });
      return {
        ok: true,
        candidate: {
          id: row.id,
          name: row.name,
          documentType: row.document_type,
          documentNumber: this.pii.decrypt('DOCUMENT_NUMBER', row.document_number_encrypted),
          nationality: row.nationality,
          phone: this.pii.decrypt('PHONE', row.phone_encrypted),
          registeredAt: new Date(row.created_at),
        },
      };
    });
  }
}

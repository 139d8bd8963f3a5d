/**
 * 统计 (applicationStatistics) and 导出 (GET /api/ops/exports/applications.csv): unit scope, masking,
 * audit, and a 10,000-row export that streams completely while the gateway's heap stays flat.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PiiProtector } from '../src/modules/account/pii-protector';
import { EXPORT_HEADER } from '../src/modules/admin/application-report.service';
import { auditRows } from './ops-support';
import { examUnit, REVIEWERS, SEEDED_AT, startRegistrationGateway } from './registration-support';
import { FakeClock, TEST_OPS_HEADER, type TestGateway } from './support';

const clock = new FakeClock(SEEDED_AT);
let gw: TestGateway;
const db = () => gw.orm.em.getConnection();

const ROWS = 10_000;
const DOCUMENT_NUMBER = '11010519900307123X';
const PHONE = '13812345678';
/** Names with a comma and quotes (CSV quoting), a CJK Extension B character (surrogate pair) and a formula-looking start. */
const NAME_SQL = `case when i % 5 = 0 then '𠀀' || i when i % 5 = 1 then '欧阳,"娜"' || i when i % 5 = 2 then '=张三' || i else '李' || i end`;

let juniorBeijing: { examUnitId: string; examId: string };

beforeAll(async () => {
  gw = await startRegistrationGateway({ clock, opsPrincipals: REVIEWERS });
  const eu = await examUnit(gw, 'JUNIOR', '110000');
  juniorBeijing = { examUnitId: eu.examUnitId, examId: eu.examId };
  const pii = new PiiProtector(gw.config.pii);
  // One ciphertext for all (decryption per row is what the export does); lookups unique per row.
  await db().execute(
    `insert into candidate_account (id, document_type, document_number_encrypted, document_number_lookup, name, phone_encrypted, phone_lookup,
                                    password_hash, real_name_verified_at, created_at, updated_at)
     select gen_random_uuid(), 'RESIDENT_ID', ?, decode(md5('doc' || i), 'hex'), ${NAME_SQL}, ?, decode(md5('phone' || i), 'hex'), 'x', now(), now(), now()
       from generate_series(1, ?) as i`,
    [pii.encrypt('DOCUMENT_NUMBER', DOCUMENT_NUMBER), pii.encrypt('PHONE', PHONE), ROWS + 10],
  );
  // 10,000 submitted applications in 北京 初级 (statuses cycling), plus 10 drafts that must not be exported.
  await db().execute(
    `insert into application (id, account_id, exam_id, exam_unit_id, level, status, current_step, subject_codes, submitted_at, created_at, updated_at)
     select gen_random_uuid(), ca.id, ?, ?, 'JUNIOR',
            case when n <= ? then (array['SUBMITTED', 'APPROVED', 'REJECTED', 'PAID'])[1 + n % 4] else 'DRAFT' end,
            'REVIEW', '{JUNIOR_PRACTICE,JUNIOR_ECONOMIC_LAW}', case when n <= ? then now() end, now(), now()
       from (select id, row_number() over (order by id) as n from candidate_account where password_hash = 'x') ca`,
    [eu.examId, eu.examUnitId, ROWS, ROWS],
  );
}, 120_000);
afterAll(() => gw?.close());

async function as(who: keyof typeof REVIEWERS, query: string, variables: Record<string, unknown> = {}) {
  const { body } = await gw.graphql(query, variables, { [TEST_OPS_HEADER]: who });
  return body as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

const STATS = `query($examId: ID, $unitCode: String) { applicationStatistics(examId: $examId, unitCode: $unitCode) { unitCode unitName level status count } }`;

describe('applicationStatistics', () => {
  it('counts per unit × level × status; reviewers see their own units only', async () => {
    const admin = (await as('admin', STATS, { examId: juniorBeijing.examId })).data.applicationStatistics;
    const beijing = admin.filter((r: any) => r.unitCode === '110000');
    expect(Object.fromEntries(beijing.map((r: any) => [r.status, r.count]))).toEqual({ SUBMITTED: 2500, APPROVED: 2500, REJECTED: 2500, PAID: 2500, DRAFT: 10 });
    expect(beijing.every((r: any) => r.level === 'JUNIOR' && r.unitName)).toBe(true);

    const own = (await as('shanghai', STATS, {})).data.applicationStatistics;
    expect(own.every((r: any) => r.unitCode === '310000')).toBe(true);
    expect(own.some((r: any) => r.unitCode === '110000')).toBe(false);
    const bj = (await as('beijing', STATS, { unitCode: '110000' })).data.applicationStatistics;
    expect(bj.reduce((sum: number, r: any) => sum + r.count, 0)).toBeGreaterThanOrEqual(ROWS + 10);
  });

  it('refuses a reviewer of another unit', async () => {
    const res = await as('shanghai', STATS, { unitCode: '110000' });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.data?.applicationStatistics ?? null).toBeNull();
  });
});

const exportUrl = (params: Record<string, string>, format: 'csv' | 'xlsx' = 'csv') =>
  `${gw.url}/api/ops/exports/applications.${format}?${new URLSearchParams(params)}`;

function exportAs(who: keyof typeof REVIEWERS | null, params: Record<string, string>, format: 'csv' | 'xlsx' = 'csv') {
  return fetch(exportUrl(params, format), { headers: who ? { [TEST_OPS_HEADER]: who } : {} });
}

/**
 * Reads an XLSX file back with read-excel-file (another implementation than the writer's): sheet
 * names and every row's cell values, empty cells as ''.
 */
async function readXlsx(path: string): Promise<{ sheetNames: string[]; rows: unknown[][] }> {
  const sheets = await readXlsxFile(path);
  const rows = sheets[0]!.data.map((row) => row.map((cell) => cell ?? ''));
  return { sheetNames: sheets.map((s) => s.sheet), rows };
}

/** Incremental RFC 4180 reader: counts records and checks each has the header's field count. */
class CsvChecker {
  records = 0;
  fields: string[] = [];
  field = '';
  inQuotes = false;
  quotePending = false;
  bad: string[] = [];
  header: string[] | null = null;
  /** The first record of each kind of name (the name without its number): rows come in random id order. */
  firstByNameKind = new Map<string, string[]>();
  rareNames = 0;
  push(text: string) {
    for (const ch of text) {
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (ch === '"') {
            this.field += '"';
            continue;
          }
          this.inQuotes = false;
        } else if (ch === '"') {
          this.quotePending = true;
          continue;
        } else {
          this.field += ch;
          continue;
        }
      }
      if (ch === '"' && this.field === '') this.inQuotes = true;
      else if (ch === ',') {
        this.fields.push(this.field);
        this.field = '';
      } else if (ch === '\r') continue;
      else if (ch === '\n') this.endRecord();
      else this.field += ch;
    }
  }
  private endRecord() {
    this.fields.push(this.field);
    if (this.fields.length !== EXPORT_HEADER.length && this.bad.length < 5) this.bad.push(JSON.stringify(this.fields));
    if (!this.header) this.header = this.fields;
    else {
      const kind = this.fields[4]?.replace(/\d+$/, '') ?? '';
      if (!this.firstByNameKind.has(kind)) this.firstByNameKind.set(kind, this.fields);
    }
    if (this.fields[4]?.startsWith('𠀀')) this.rareNames += 1;
    this.records += 1;
    this.fields = [];
    this.field = '';
  }
}

/**
 * Samples the live V8 heap (after a full collection) relative to now, on a 25 ms timer and whenever
 * the caller asks: an export that assembled everything before sending would show its growth between
 * two chunks. Socket buffers, outside the heap, vary with the network, not with the rows.
 */
function heapSampler(gc: () => void) {
  const live = () => {
    gc();
    return process.memoryUsage().heapUsed;
  };
  const baseline = live();
  let peak = 0;
  const samples: number[] = [];
  const sample = () => {
    const growth = live() - baseline;
    peak = Math.max(peak, growth);
    samples.push(growth);
  };
  const timer = setInterval(sample, 25);
  return {
    sample,
    stop: () => {
      clearInterval(timer);
      return { peak, samples };
    },
  };
}

/** The second half of the samples is no higher than the first, give or take `noise` bytes. */
function expectFlat(samples: number[], noise: number) {
  expect(samples.length).toBeGreaterThanOrEqual(6);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const half = Math.floor(samples.length / 2);
  expect(median(samples.slice(half)) - median(samples.slice(0, half))).toBeLessThan(noise);
}

/** A real full GC, so heap samples measure what is live, not garbage waiting for a collection. */
function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('export', () => {
  it('streams all 10,000 rows, masked, well-formed, with a BOM, while the heap stays flat', async () => {
    const gc = fullGc();
    // Warm-up: one full export first, so that compiled code, connections and pools count as the
    // baseline; what the measured export adds on top is then its own working memory.
    const warmUp = await exportAs('admin', { examId: juniorBeijing.examId, unitCode: '110000' });
    expect(warmUp.status).toBe(200);
    let warmUpBytes = 0;
    for await (const chunk of warmUp.body as unknown as AsyncIterable<Uint8Array>) warmUpBytes += chunk.byteLength;
    expect(warmUpBytes).toBeGreaterThan(1_000_000);
    const heap = heapSampler(gc);
    const res = await exportAs('beijing', { examId: juniorBeijing.examId, unitCode: '110000' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="applications-2026-junior-110000\.csv"/);
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const checker = new CsvChecker();
    let bytes = 0;
    let chunks = 0;
    let first = true;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (first) {
        expect([...chunk.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        first = false;
      }
      bytes += chunk.byteLength;
      checker.push(decoder.decode(chunk, { stream: true }).replace(/^\uFEFF/, ''));
      if (++chunks % 5 === 0) heap.sample();
    }
    const { peak, samples } = heap.stop();
    checker.push(decoder.decode());
    expect(checker.bad).toEqual([]);
    expect(checker.inQuotes).toBe(false);
    expect(checker.records).toBe(ROWS + 1); // header + every submitted application, no draft
    expect(checker.header).toEqual(EXPORT_HEADER);
    const [rare] = await db().execute(
      `select count(*)::int as n from application a join candidate_account ca on ca.id = a.account_id where a.exam_unit_id = ? and a.submitted_at is not null and ca.name like '𠀀%'`,
      [juniorBeijing.examUnitId],
    );
    expect(rare.n).toBeGreaterThan(1500);
    expect(checker.rareNames).toBe(rare.n); // surrogate pairs intact across chunk boundaries
    expect([...checker.firstByNameKind.keys()].sort()).toEqual(["'=张三", '李', '欧阳,"娜"', '𠀀'].sort()); // quoting round-trips, no formula
    const row = checker.firstByNameKind.get('欧阳,"娜"')!;
    expect(row[6]).toBe('1101**********123X');
    expect(row[7]).toBe('138****5678');
    expect(row[2]).toBe('初级');
    // Live heap during the export stays well under what the whole CSV would take.
    expect(bytes).toBeGreaterThan(1_000_000);
    console.info(`export: ${bytes} B in ${chunks} chunks, ${samples.length} samples, peak live memory growth ${peak} B`);
    // Building the CSV in memory peaks above the CSV's own size (about 4 MB here); streaming stays
    // at a few hundred KB. Half the size separates the two with room for a busy machine's GC timing.
    expect(peak, `peak live heap growth ${peak} B for a ${bytes} B export`).toBeLessThan(bytes / 2);
    // Flat, not growing with the rows sent: the second half of the samples is no higher than the first (plus noise).
    // (Holding every row would add about half the CSV between the two halves.)
    expectFlat(samples, bytes / 6);

    const [record] = await auditRows(gw, `action = 'APPLICATIONS_EXPORTED' and actor_username = 'bj-reviewer'`);
    expect(record).toMatchObject({ target_type: 'EXAM_UNIT', target_id: juniorBeijing.examUnitId, actor_role: 'REVIEWER' });
    expect(record.details).toMatchObject({ unitCode: '110000', masked: true });
  }, 120_000);

  it('streams all 10,000 rows as XLSX with flat memory; the file reads back with masked values and rare characters intact', async () => {
    const gc = fullGc();
    const warmUp = await exportAs('admin', { examId: juniorBeijing.examId, unitCode: '110000' }, 'xlsx');
    expect(warmUp.status).toBe(200);
    await warmUp.arrayBuffer();
    const dir = await mkdtemp(join(tmpdir(), 'ccap-xlsx-'));
    const file = join(dir, 'export.xlsx');
    try {
      const heap = heapSampler(gc);
      const res = await exportAs('beijing', { examId: juniorBeijing.examId, unitCode: '110000' }, 'xlsx');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="applications-2026-junior-110000\.xlsx"/);
      // Chunks go straight to a file (outside the heap), so the samples measure the gateway, not the test.
      const out = createWriteStream(file);
      let bytes = 0;
      let chunks = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        if (!out.write(chunk)) await once(out, 'drain');
        if (++chunks % 5 === 0) heap.sample();
      }
      out.end();
      await once(out, 'finish');
      const { peak, samples } = heap.stop();
      console.info(`xlsx export: ${bytes} B in ${chunks} chunks, ${samples.length} samples, peak live memory growth ${peak} B`);

      const { sheetNames, rows } = await readXlsx(file);
      expect(sheetNames).toEqual(['报名信息']);
      expect(rows[0]).toEqual(EXPORT_HEADER);
      expect(rows.length).toBe(ROWS + 1); // header + every submitted application, no draft
      const data = rows.slice(1);
      // Every cell is plain text: no formula object, no number or date conversion.
      expect(data.every((cells) => cells.length === EXPORT_HEADER.length && cells.every((cell) => typeof cell === 'string'))).toBe(true);
      const [rare] = await db().execute(
        `select count(*)::int as n from application a join candidate_account ca on ca.id = a.account_id where a.exam_unit_id = ? and a.submitted_at is not null and ca.name like '𠀀%'`,
        [juniorBeijing.examUnitId],
      );
      expect(data.filter((cells) => (cells[4] as string).startsWith('𠀀')).length).toBe(rare.n);
      expect(data.find((cells) => (cells[4] as string).startsWith('欧阳'))![4]).toMatch(/^欧阳,"娜"\d+$/);
      expect(data.find((cells) => (cells[4] as string).includes('张三'))![4]).toMatch(/^=张三\d+$/); // text, not a formula
      expect(new Set(data.map((cells) => cells[6]))).toEqual(new Set(['1101**********123X']));
      expect(new Set(data.map((cells) => cells[7]))).toEqual(new Set(['138****5678']));
      expect(new Set(data.map((cells) => cells[2]))).toEqual(new Set(['初级']));
      expect(new Set(data.map((cells) => cells[3]))).toEqual(new Set(['待审核', '审核通过', '审核不通过', '已缴费']));
      expect(JSON.stringify(data)).not.toContain(DOCUMENT_NUMBER);

      // The yardstick is the text of the cells (what the CSV carries), not the zip, which is several
      // times smaller: an export that held the sheet's XML, or its rows, would hold more than all
      // of that text. Streaming keeps a few batches.
      expect(bytes).toBeGreaterThan(300_000);
      const textBytes = Buffer.byteLength(data.map((cells) => cells.join(',')).join('\n'));
      expect(textBytes).toBeGreaterThan(1_000_000);
      expect(peak, `peak live heap growth ${peak} B for ${textBytes} B of cell text (${bytes} B zipped)`).toBeLessThan(textBytes / 2);
      expectFlat(samples, textBytes / 6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const [record] = (await auditRows(gw, `action = 'APPLICATIONS_EXPORTED' and actor_username = 'bj-reviewer'`)).filter((r) => r.details.format === 'XLSX');
    expect(record).toMatchObject({ target_type: 'EXAM_UNIT', target_id: juniorBeijing.examUnitId, actor_role: 'REVIEWER' });
    expect(record!.details).toMatchObject({ unitCode: '110000', masked: true, format: 'XLSX' });
  }, 180_000);

  it('refuses XLSX like CSV: another unit, anonymous, unmasked without admin and reason', async () => {
    const params = { examId: juniorBeijing.examId, unitCode: '110000' };
    expect((await exportAs('shanghai', params, 'xlsx')).status).toBe(403);
    expect((await exportAs(null, params, 'xlsx')).status).toBe(401);
    expect((await exportAs('beijing', { ...params, unmasked: '1', reason: '核对考生信息' }, 'xlsx')).status).toBe(403);
    expect((await exportAs('admin', { ...params, unmasked: '1' }, 'xlsx')).status).toBe(400);
  });

  it('stops reading and gives its connection back when the client goes away', async () => {
    for (let i = 0; i < 3; i++) {
      const controller = new AbortController();
      const res = await fetch(exportUrl({ examId: juniorBeijing.examId, unitCode: '110000' }), { headers: { [TEST_OPS_HEADER]: 'beijing' }, signal: controller.signal });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      controller.abort();
      await reader.read().catch(() => undefined);
    }
    // No transaction of an aborted export is left open.
    let open = 1;
    for (let i = 0; i < 50 && open > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      [{ n: open }] = await db().execute(
        `select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`,
      );
    }
    expect(open).toBe(0);
    expect((await as('beijing', STATS, { unitCode: '110000' })).data.applicationStatistics.length).toBeGreaterThan(0);
  }, 30_000);

  it('refuses a reviewer of another unit and anonymous callers, without an audit record', async () => {
    const before = (await auditRows(gw, `action = 'APPLICATIONS_EXPORTED'`)).length;
    const other = await exportAs('shanghai', { examId: juniorBeijing.examId, unitCode: '110000' });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: string }).error).toBe('FORBIDDEN');
    expect((await exportAs(null, { examId: juniorBeijing.examId, unitCode: '110000' })).status).toBe(401);
    expect((await exportAs('admin', { examId: juniorBeijing.examId, unitCode: '999999' })).status).toBe(404);
    expect((await auditRows(gw, `action = 'APPLICATIONS_EXPORTED'`)).length).toBe(before);
  });

  it('unmasks for admins with a reason only, and audits the unmasked read', async () => {
    const params = { examId: juniorBeijing.examId, unitCode: '110000', unmasked: '1' };
    expect((await exportAs('beijing', { ...params, reason: '核对考生信息' })).status).toBe(403);
    expect((await exportAs('admin', params)).status).toBe(400);
    const res = await exportAs('admin', { ...params, reason: '考务核对 工单2027-0105' });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.split('\r\n')[1]).toContain(DOCUMENT_NUMBER);
    expect(text).toContain(PHONE);
    const [unmasked] = await auditRows(gw, `action = 'PERSONAL_DATA_UNMASKED' and target_type = 'EXAM_UNIT'`);
    expect(unmasked).toMatchObject({ actor_username: 'admin', reason: '考务核对 工单2027-0105', target_id: juniorBeijing.examUnitId });
    expect(unmasked.details.fields).toEqual(['documentNumber', 'phone']);
    const exported = (await auditRows(gw, `action = 'APPLICATIONS_EXPORTED' and actor_username = 'admin'`)).at(-1)!;
    expect(exported).toMatchObject({ reason: '考务核对 工单2027-0105', target_id: juniorBeijing.examUnitId });
    expect(exported.details.masked).toBe(false);
    expect(JSON.stringify(exported.details)).not.toContain(DOCUMENT_NUMBER);

    // The same as XLSX.
    const xlsx = await exportAs('admin', { ...params, reason: '考务核对 工单2027-0106' }, 'xlsx');
    expect(xlsx.status).toBe(200);
    const dir = await mkdtemp(join(tmpdir(), 'ccap-xlsx-'));
    try {
      await writeFile(join(dir, 'unmasked.xlsx'), Buffer.from(await xlsx.arrayBuffer()));
      const { rows } = await readXlsx(join(dir, 'unmasked.xlsx'));
      expect(rows).toHaveLength(ROWS + 1);
      expect(rows[1]![6]).toBe(DOCUMENT_NUMBER);
      expect(rows[1]![7]).toBe(PHONE);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const [xlsxRead] = await auditRows(gw, `action = 'PERSONAL_DATA_UNMASKED' and reason = '考务核对 工单2027-0106'`);
    expect(xlsxRead!.details).toMatchObject({ export: 'applications.xlsx', fields: ['documentNumber', 'phone'] });
  }, 120_000);
});

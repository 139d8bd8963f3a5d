import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FontChain, SYSTEM_FALLBACKS } from '../src/modules/registration/form-pdf-fonts';
import { FakeClock, TEST_OPS_HEADER, type TestGateway } from './support';
import { call, examUnit, insertCandidate, SEEDED_AT, startRegistrationGateway, walkToConfirm, type ExamUnitRef, type TestCandidate } from './registration-support';

/** pdftotext (poppler-utils) is required: a missing tool fails the suite, it never skips it. */
function requirePdftotext(): void {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'pipe' });
  } catch {
    throw new Error('pdftotext not found: install poppler-utils (Debian/Ubuntu: sudo apt-get install -y poppler-utils; macOS: brew install poppler)');
  }
}

/**
 * BabelStone Han (Debian fonts-babelstone-han, installed by .ci/run) is the only font on npm or Debian
 * with CJK Ext G/H glyphs: its absence fails these tests with the command that fixes it.
 */
const BABELSTONE = SYSTEM_FALLBACKS.find((f) => f.id === 'sys-babelstone')!;
function requireBabelStone(): void {
  if (!existsSync(BABELSTONE.path)) {
    throw new Error(`${BABELSTONE.path} not found: install fonts-babelstone-han (Debian/Ubuntu: sudo apt-get install -y fonts-babelstone-han) for CJK Ext G/H on the form`);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'ccap-form-pdf-'));
let files = 0;
function pdfToText(pdf: Buffer): string {
  const path = join(dir, `form-${++files}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}
function pdfFonts(pdf: Buffer): string {
  const path = join(dir, `fonts-${++files}.pdf`);
  writeFileSync(path, pdf);
  return execFileSync('pdffonts', [path], { encoding: 'utf8' });
}

const EXT_A = '刘䶮'; // U+4DAE
const EXT_B = '王𠀀明'; // U+20000
const UYGHUR = '买买提·艾力';
const EXT_G = '张\u{30000}'; // CJK Ext G (Unicode 13), in BabelStone Han
const EXT_H = '陈\u{31350}'; // CJK Ext H (Unicode 15), in BabelStone Han
const EXT_G_WITHOUT_GLYPH = 0x30041; // Ext G, assigned, but BabelStone Han 15.0.5 has no glyph for it
const EXT_I = '李\u{2EBF0}'; // CJK Ext I (Unicode 15.1): no npm or Debian font here has it

const clock = new FakeClock(SEEDED_AT);
let gw: TestGateway & { uploadDir: string };
let unit: ExamUnitRef;

async function submitted(name: string): Promise<{ candidate: TestCandidate; id: string }> {
  const candidate = await insertCandidate(gw, SEEDED_AT, { name });
  const id = await walkToConfirm(gw, candidate.cookie, unit, 'INTERMEDIATE');
  const result = await call(gw, candidate.cookie, 'submit', { id });
  if (!result.ok) throw new Error(`submit: ${result.errorCode} ${result.message}`);
  return { candidate, id };
}

async function getForm(id: string, headers: Record<string, string>) {
  const res = await fetch(`${gw.url}/api/applications/${id}/form.pdf`, { headers });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function verify(code: string) {
  const res = await fetch(`${gw.url}/api/forms/verify?code=${encodeURIComponent(code)}`);
  return { status: res.status, body: (await res.json()) as any };
}

const codeIn = (text: string) => /([0-9a-f-]{36}\.[0-9a-z]{1,12}\.[0-9a-f]{20})/.exec(text)?.[1];

beforeAll(async () => {
  requirePdftotext();
  gw = await startRegistrationGateway({ clock });
  unit = await examUnit(gw, 'INTERMEDIATE', '110000');
});
afterAll(() => gw?.close());

describe('font chain', () => {
  const chain = new FontChain();

  it('has a real glyph (not .notdef) for every character of the names and labels', () => {
    const text = `${EXT_A}${EXT_B}${UYGHUR}2026年全国会计专业技术资格考试 报名表 姓名证件类型号码报考级别省份地市报名点科目审核状态缴费校验码:()、;0123456789ABCXxabc.-[]+U`;
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      const face = chain.faceFor(cp);
      expect(face, `no font for U+${cp.toString(16)}`).not.toBeNull();
      const glyph = chain.font(face!)!.glyphForCodePoint(cp);
      expect(glyph.id, `U+${cp.toString(16)}`).not.toBe(0);
      expect(glyph.name).not.toBe('.notdef');
    }
    // The npm font alone (no Debian fonts) covers Ext A and B.
    const npmOnly = new FontChain({ systemFallbacks: [] });
    for (const cp of [0x4dae, 0x20000, 0xb7]) expect(npmOnly.faceFor(cp)?.id.startsWith('npm:')).toBe(true);
  });

  it('prints a character no font has as its code point, and reports it', () => {
    const { runs, missing } = new FontChain({ systemFallbacks: [] }).layout(EXT_I);
    expect(missing).toEqual([0x2ebf0]);
    expect(runs.map((r) => r.text).join('')).toBe('李[U+2EBF0]');
    expect(runs.find((r) => r.text === '[U+2EBF0]')?.face).toBeNull();
    // An unassigned code point in the Ext I block is treated the same way.
    expect(new FontChain().layout('\u{2EE5F}').missing).toEqual([0x2ee5f]);
  });

  it('takes Ext G/H from BabelStone Han where it has them; the rest of Ext G/H is a visible code point', () => {
    requireBabelStone();
    for (const cp of [0x30000, 0x31350]) expect(chain.faceFor(cp)?.id, `U+${cp.toString(16)}`).toBe('sys-babelstone');
    const { runs, missing } = chain.layout(`王${String.fromCodePoint(EXT_G_WITHOUT_GLYPH)}`);
    expect(missing).toEqual([EXT_G_WITHOUT_GLYPH]);
    expect(runs.map((r) => r.text).join('')).toBe('王[U+30041]');
    // Without the Debian font, Ext G/H fall back to the code point as well.
    expect(new FontChain({ systemFallbacks: [] }).layout(EXT_H).missing).toEqual([0x31350]);
  });
});

describe('报名表 PDF', () => {
  it.each([
    ['Ext A', EXT_A],
    ['Ext B', EXT_B],
    ['minority name with ·', UYGHUR],
  ])('%s: the name comes out exactly, fonts are embedded, the code verifies', async (_label, name) => {
    const { candidate, id } = await submitted(name);
    const res = await getForm(id, { cookie: candidate.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-form-missing-glyphs')).toBeNull();
    const text = pdfToText(res.body);
    expect(text).toContain('2026年全国会计专业技术资格考试 报名表');
    expect(text).toMatch(new RegExp(`姓名\\s*${name}\\s`));
    expect(text).toContain('中级资格');
    expect(text).toMatch(/考试名称\s*2026年全国会计专业技术资格考试\(中级\)\s/);
    expect(text).toContain(id);
    expect(text).toMatch(/报考条件\s*本科学历或学士学位,从事会计工作满4年/);
    expect(text).not.toContain('[U+');
    // Every font is embedded as a subset.
    const fonts = pdfFonts(res.body).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);

    const code = codeIn(text)!;
    expect(code).toBeDefined();
    const ok = await verify(code);
    expect(ok.body).toMatchObject({ valid: true, status: 'VALID', examName: expect.any(String), level: '中级' });
    expect(ok.body.maskedName).not.toBe(name);
    expect(Array.from(ok.body.maskedName as string)[0]).toBe(Array.from(name)[0]);
  });

  it.each([
    ['Ext G', EXT_G],
    ['Ext H', EXT_H],
  ])('%s (BabelStone Han): the name comes out exactly, nothing is marked missing', async (_label, name) => {
    requireBabelStone();
    const { candidate, id } = await submitted(name);
    const res = await getForm(id, { cookie: candidate.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-form-missing-glyphs')).toBeNull();
    const text = pdfToText(res.body);
    expect(text).toMatch(new RegExp(`姓名\\s*${name}\\s`, 'u'));
    expect(text).not.toContain('[U+');
    expect(pdfFonts(res.body)).toMatch(/BabelStoneHan/);
  });

  it('prints an Ext I character as a visible code point and marks the form', async () => {
    const { candidate, id } = await submitted(EXT_I);
    const res = await getForm(id, { cookie: candidate.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-form-missing-glyphs')).toBe('1');
    const text = pdfToText(res.body);
    expect(text).toContain('李[U+2EBF0]');
    expect(text).toMatch(/注意:本表有字符无法以字体显示/);
  });

  it('shows the payment state: 待缴费 once approved, 已缴费 once paid (the order moved the application to PAID)', async () => {
    const { candidate, id } = await submitted('赵钱孙');
    const statusLine = async () => /缴费状态\s*(\S+)/.exec(pdfToText((await getForm(id, { cookie: candidate.cookie })).body))?.[1];
    expect(await statusLine()).toBe('未到缴费环节');
    await gw.orm.em.getConnection().execute(`update application set status = 'APPROVED' where id = ?`, [id]);
    expect(await statusLine()).toBe('待缴费');
    await gw.orm.em.getConnection().execute(`update application set status = 'PAID' where id = ?`, [id]);
    expect(await statusLine()).toBe('已缴费');
  });

  it('tampered or unknown codes do not verify', async () => {
    const { candidate, id } = await submitted('张三');
    const code = codeIn(pdfToText((await getForm(id, { cookie: candidate.cookie })).body))!;
    expect((await verify(code)).body.valid).toBe(true);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === '0' ? '1' : '0') + s.slice(i + 1);
    for (const bad of [flip(code, code.length - 1), flip(code, 0), code.replace(/\.[0-9a-z]+\./, '.1.'), '', 'x', code + '0']) {
      expect((await verify(bad)).body).toMatchObject({ valid: false, status: 'INVALID' });
    }
    // A form printed before the application changed no longer counts.
    await gw.orm.em.getConnection().execute(`update application set updated_at = updated_at + interval '1 second' where id = ?`, [id]);
    expect((await verify(code)).body).toMatchObject({ valid: false, status: 'SUPERSEDED' });
  });

  it('only the owner and reviewers of the unit get the form; the ID number is full for the owner only', async () => {
    const { candidate, id } = await submitted('赵六');
    const other = await insertCandidate(gw, SEEDED_AT);
    expect((await getForm(id, { cookie: other.cookie })).status).toBe(404);
    expect((await getForm(id, {})).status).toBe(401);
    expect((await getForm(id, { [TEST_OPS_HEADER]: 'shanghai' })).status).toBe(404);
    expect((await getForm(crypto.randomUUID(), { cookie: candidate.cookie })).status).toBe(404);

    const own = pdfToText((await getForm(id, { cookie: candidate.cookie })).body);
    expect(own).toContain(candidate.documentNumber);
    const reviewer = await getForm(id, { [TEST_OPS_HEADER]: 'beijing' });
    expect(reviewer.status).toBe(200);
    const reviewed = pdfToText(reviewer.body);
    expect(reviewed).toContain('赵六');
    expect(reviewed).not.toContain(candidate.documentNumber);
    expect(reviewed).toContain(`${candidate.documentNumber.slice(0, 4)}${'*'.repeat(10)}${candidate.documentNumber.slice(-4)}`);
    expect((await getForm(id, { [TEST_OPS_HEADER]: 'admin' })).status).toBe(200);
  });

  it('is not printable before submission', async () => {
    const candidate = await insertCandidate(gw, SEEDED_AT);
    const id = await walkToConfirm(gw, candidate.cookie, unit, 'INTERMEDIATE');
    expect((await getForm(id, { cookie: candidate.cookie })).status).toBe(409);
  });
});

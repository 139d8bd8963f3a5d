import { describe, expect, it } from 'vitest';
import {
  computeResidentIdCheckChar,
  DOCUMENT_TYPE_LABELS,
  normalizeDocumentNumber,
  validateDocumentNumber,
  validateNationality,
} from './identity-document';
import { makeResidentId } from './identity-document.testing';

const today = new Date('2026-03-01T12:00:00+08:00');

/** Replaces the check character with a different valid one. */
function withWrongCheckChar(id: string): string {
  const wrong = id[17] === '0' ? '1' : '0';
  return id.slice(0, 17) + wrong;
}

describe('DOCUMENT_TYPE_LABELS', () => {
  it('lists the four document types in the order of the registration form', () => {
    expect(Object.entries(DOCUMENT_TYPE_LABELS)).toEqual([
      ['RESIDENT_ID', '内地居民身份证'],
      ['HK_MACAO_PERMIT', '港澳居民来往内地通行证'],
      ['TAIWAN_PERMIT', '台湾居民来往大陆通行证'],
      ['FOREIGN_PASSPORT', '护照(外国)'],
    ]);
  });
});

describe('normalizeDocumentNumber', () => {
  it('trims, removes inner spaces and upper-cases', () => {
    expect(normalizeDocumentNumber('RESIDENT_ID', ' 110105 19900307 123x ')).toBe('11010519900307123X');
    expect(normalizeDocumentNumber('FOREIGN_PASSPORT', 'e1234 5678')).toBe('E12345678');
  });

  it('folds full-width IME input and ideographic spaces to ASCII', () => {
    expect(normalizeDocumentNumber('HK_MACAO_PERMIT', 'ｈ１２３４\u3000５６７８')).toBe('H12345678');
  });
});

describe('computeResidentIdCheckChar', () => {
  it('matches the GB 11643-1999 worked example', () => {
    // Example number from the standard's appendix: 11010519491231002X.
    expect(computeResidentIdCheckChar('11010519491231002')).toBe('X');
  });

  it('maps S mod 11 = 0..10 to 1 0 X 9 8 7 6 5 4 3 2', () => {
    // Index 7 has weight 1, so a single digit there sets S directly; S = 10 needs weight 2 (index 6) × 5.
    const withSum = (sum: number) =>
      sum <= 9 ? `0000000${sum}000000000` : '00000050000000000';
    const chars = Array.from({ length: 11 }, (_, sum) => computeResidentIdCheckChar(withSum(sum)));
    expect(chars.join(' ')).toBe('1 0 X 9 8 7 6 5 4 3 2');
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => computeResidentIdCheckChar('1101051990030712')).toThrow(RangeError);
    expect(() => computeResidentIdCheckChar('1101051990030712X')).toThrow(RangeError);
  });
});

describe('makeResidentId', () => {
  it('appends the computed check character', () => {
    expect(makeResidentId('110105', '19491231', '002')).toBe('11010519491231002X');
  });
});

describe('validateDocumentNumber: RESIDENT_ID', () => {
  it('accepts a valid number and decodes birth date, gender, region', () => {
    const id = makeResidentId('110105', '19900307', '123');
    expect(validateDocumentNumber('RESIDENT_ID', id, { today })).toEqual({
      ok: true,
      normalized: id,
      birthDate: '1990-03-07',
      gender: 'MALE',
      regionCode: '110105',
      kind: 'MAINLAND',
    });
  });

  it('reads an even sequence digit as female', () => {
    const result = validateDocumentNumber('RESIDENT_ID', makeResidentId('440305', '20000229', '124'), { today });
    expect(result).toMatchObject({ ok: true, gender: 'FEMALE', birthDate: '2000-02-29' });
  });

  it('accepts a lower-case x check character and returns it upper-cased', () => {
    const result = validateDocumentNumber('RESIDENT_ID', '11010519491231002x', { today });
    expect(result).toMatchObject({ ok: true, normalized: '11010519491231002X' });
  });

  it.each([
    ['810000', 'HK_RESIDENCE'],
    ['820000', 'MACAO_RESIDENCE'],
    ['830000', 'TAIWAN_RESIDENCE'],
  ])('accepts the 港澳台居民居住证 prefix %s as %s', (region, kind) => {
    const result = validateDocumentNumber('RESIDENT_ID', makeResidentId(region, '19851111', '031'), { today });
    expect(result).toMatchObject({ ok: true, regionCode: region, kind });
  });

  it.each([
    ['17 characters', '11010519900307123'],
    ['19 characters', '1101051990030712345'],
    ['15-digit first-generation number', '110105900307123'],
    ['X in the middle', '1101051990X307123X'],
    ['a letter other than X at the end', '11010519900307123A'],
    ['empty', ''],
  ])('rejects %s with ID_NUMBER_FORMAT', (_label, raw) => {
    expect(validateDocumentNumber('RESIDENT_ID', raw, { today })).toEqual({
      ok: false,
      errorCode: 'ID_NUMBER_FORMAT',
      message: '身份证号码应为18位,前17位为数字,最后一位为数字或X',
    });
  });

  it.each([
    ['unknown province 10', '100105'],
    ['unknown province 16', '160105'],
    ['unknown province 24', '240105'],
    ['台湾省 71, which issues no numbers', '710000'],
    ['unknown province 66', '660105'],
    ['81 with a county part (not a residence permit)', '810101'],
    ['00', '000000'],
  ])('rejects %s with ID_NUMBER_REGION', (_label, region) => {
    const result = validateDocumentNumber('RESIDENT_ID', makeResidentId(region, '19900307', '123'), { today });
    expect(result).toMatchObject({ ok: false, errorCode: 'ID_NUMBER_REGION' });
  });

  it('accepts the first and last code of every province range', () => {
    for (const province of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65']) {
      const id = makeResidentId(`${province}0102`, '19900307', '123');
      expect(validateDocumentNumber('RESIDENT_ID', id, { today }), province).toMatchObject({ ok: true, kind: 'MAINLAND' });
    }
  });

  it.each([
    ['30 February', '19990230'],
    ['29 February in a common year', '19990229'],
    ['29 February 1900 (not a leap year)', '19000229'],
    ['month 13', '19991301'],
    ['day 0', '19990100'],
    ['before 1900-01-01', '18991231'],
    ['after today in China', '20260302'],
  ])('rejects a birth date on %s with ID_NUMBER_BIRTH_DATE', (_label, birth) => {
    const result = validateDocumentNumber('RESIDENT_ID', makeResidentId('110105', birth, '123'), { today });
    expect(result).toMatchObject({ ok: false, errorCode: 'ID_NUMBER_BIRTH_DATE' });
  });

  it('accepts the boundary dates 1900-01-01 and today', () => {
    for (const birth of ['19000101', '20260301']) {
      expect(validateDocumentNumber('RESIDENT_ID', makeResidentId('110105', birth, '123'), { today }).ok).toBe(true);
    }
  });

  it('judges "today" in China time, not the server clock', () => {
    // 2026-03-01 17:00 UTC is already 2026-03-02 in Beijing.
    const lateUtc = new Date('2026-03-01T17:00:00Z');
    const bornToday = makeResidentId('110105', '20260302', '123');
    expect(validateDocumentNumber('RESIDENT_ID', bornToday, { today: lateUtc }).ok).toBe(true);
    expect(validateDocumentNumber('RESIDENT_ID', bornToday, { today: new Date('2026-03-01T15:59:59Z') }))
      .toMatchObject({ ok: false, errorCode: 'ID_NUMBER_BIRTH_DATE' });
  });

  it('defaults today to the current time', () => {
    const farFuture = makeResidentId('110105', '20990101', '123');
    expect(validateDocumentNumber('RESIDENT_ID', farFuture)).toMatchObject({ errorCode: 'ID_NUMBER_BIRTH_DATE' });
  });

  it('rejects a wrong check character with ID_NUMBER_CHECK_DIGIT', () => {
    const id = withWrongCheckChar(makeResidentId('110105', '19900307', '123'));
    expect(validateDocumentNumber('RESIDENT_ID', id, { today })).toEqual({
      ok: false,
      errorCode: 'ID_NUMBER_CHECK_DIGIT',
      message: '身份证号码校验位不正确,请核对后重新输入',
    });
  });

  it('detects a single transposed digit through the check character', () => {
    const id = makeResidentId('110105', '19900307', '123');
    const swapped = id.slice(0, 14) + id[15] + id[14] + id.slice(16);
    expect(validateDocumentNumber('RESIDENT_ID', swapped, { today })).toMatchObject({ errorCode: 'ID_NUMBER_CHECK_DIGIT' });
  });
});

describe('validateDocumentNumber: HK_MACAO_PERMIT', () => {
  it.each(['H12345678', 'M12345678', 'H1234567890', 'm 1234 5678'])('accepts %s', (raw) => {
    const result = validateDocumentNumber('HK_MACAO_PERMIT', raw);
    expect(result).toEqual({ ok: true, normalized: raw.replace(/\s/g, '').toUpperCase() });
  });

  it.each(['12345678', 'A12345678', 'H1234567', 'H123456789', 'H12345678901', 'H1234567A'])(
    'rejects %s with DOCUMENT_NUMBER_FORMAT',
    (raw) => {
      expect(validateDocumentNumber('HK_MACAO_PERMIT', raw)).toEqual({
        ok: false,
        errorCode: 'DOCUMENT_NUMBER_FORMAT',
        message: '港澳居民来往内地通行证号码应为H或M加8位或10位数字',
      });
    },
  );
});

describe('validateDocumentNumber: TAIWAN_PERMIT', () => {
  it.each(['12345678', '1234567890', '12345678B1', 'f290299977'])('accepts %s', (raw) => {
    expect(validateDocumentNumber('TAIWAN_PERMIT', raw)).toEqual({ ok: true, normalized: raw.toUpperCase() });
  });

  it.each(['1234567', '123456789', 'A1234567', '12345678901', '12345678(B)'])(
    'rejects %s with DOCUMENT_NUMBER_FORMAT',
    (raw) => {
      expect(validateDocumentNumber('TAIWAN_PERMIT', raw)).toMatchObject({
        ok: false,
        errorCode: 'DOCUMENT_NUMBER_FORMAT',
        message: '台湾居民来往大陆通行证号码应为8位数字(旧版为10位字母或数字)',
      });
    },
  );
});

describe('validateDocumentNumber: FOREIGN_PASSPORT', () => {
  it.each(['AB123', 'e12345678', '12345678901234567', 'C01X00T47'])('accepts %s', (raw) => {
    expect(validateDocumentNumber('FOREIGN_PASSPORT', raw)).toEqual({ ok: true, normalized: raw.toUpperCase() });
  });

  it.each(['AB12', '123456789012345678', 'AB-12345', 'AB12345<', '护照12345'])(
    'rejects %s with DOCUMENT_NUMBER_FORMAT',
    (raw) => {
      expect(validateDocumentNumber('FOREIGN_PASSPORT', raw)).toEqual({
        ok: false,
        errorCode: 'DOCUMENT_NUMBER_FORMAT',
        message: '护照号码应为5至17位字母或数字',
      });
    },
  );

  it('does not apply resident-ID rules to a passport that happens to be 18 digits long', () => {
    expect(validateDocumentNumber('FOREIGN_PASSPORT', '000000000000000000')).toMatchObject({
      errorCode: 'DOCUMENT_NUMBER_FORMAT',
    });
    expect(validateDocumentNumber('FOREIGN_PASSPORT', '00000000000000000').ok).toBe(true);
  });
});

describe('validateNationality', () => {
  it.each([
    ['USA', 'USA'],
    [' jpn ', 'JPN'],
    ['ZWE', 'ZWE'],
    ['ABW', 'ABW'],
  ])('accepts %s as %s', (raw, normalized) => {
    expect(validateNationality(raw)).toEqual({ ok: true, normalized });
  });

  it.each(['US', 'USAA', 'XXX', 'UNK', 'D', 'GBD', ''])('rejects %s', (raw) => {
    expect(validateNationality(raw)).toEqual({
      ok: false,
      errorCode: 'NATIONALITY_CODE',
      message: '国籍代码不正确,请从列表中选择国籍',
    });
  });

  it('refuses CHN with a pointer to the resident ID', () => {
    expect(validateNationality('chn')).toEqual({
      ok: false,
      errorCode: 'NATIONALITY_CODE',
      message: '中国公民请选择内地居民身份证注册',
    });
  });
});

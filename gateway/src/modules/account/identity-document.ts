/**
 * 证件类型 and 证件号码 rules for registration. Pure functions: no I/O, safe to share with the browser.
 */

export type DocumentType = 'RESIDENT_ID' | 'HK_MACAO_PERMIT' | 'TAIWAN_PERMIT' | 'FOREIGN_PASSPORT';

/** Labels exactly as the registration form lists them, in the form's order. */
export const DOCUMENT_TYPE_LABELS: Readonly<Record<DocumentType, string>> = {
  RESIDENT_ID: '内地居民身份证',
  HK_MACAO_PERMIT: '港澳居民来往内地通行证',
  TAIWAN_PERMIT: '台湾居民来往大陆通行证',
  FOREIGN_PASSPORT: '护照(外国)',
};

/** Who issued an 18-character GB 11643 number: the mainland, or a 港澳台居民居住证 (same number rules). */
export type ResidentIdKind = 'MAINLAND' | 'HK_RESIDENCE' | 'MACAO_RESIDENCE' | 'TAIWAN_RESIDENCE';

export type DocumentNumberErrorCode =
  | 'ID_NUMBER_FORMAT'
  | 'ID_NUMBER_REGION'
  | 'ID_NUMBER_BIRTH_DATE'
  | 'ID_NUMBER_CHECK_DIGIT'
  | 'DOCUMENT_NUMBER_FORMAT';

export type DocumentNumberValidation =
  | {
      ok: true;
      normalized: string;
      /** Only for RESIDENT_ID: decoded from digits 7–14. */
      birthDate?: string;
      gender?: 'MALE' | 'FEMALE';
      regionCode?: string;
      kind?: ResidentIdKind;
    }
  | { ok: false; errorCode: DocumentNumberErrorCode; message: string };

/**
 * Candidates paste numbers with spaces and type with a Chinese IME, which may produce full-width
 * characters (１２３ＡＢＣ, U+3000 space); NFKC folds those to ASCII. The rule is the same for every
 * document type today; `type` is taken so callers need not change when one type gets its own rule.
 */
export function normalizeDocumentNumber(type: DocumentType, raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/** GB/T 2260 province-level codes (first two digits) of the mainland. 71 (台湾省) issues no numbers. */
const MAINLAND_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
]);

/** 港澳台居民居住证 use these whole six-digit prefixes instead of a county code. */
const RESIDENCE_PERMIT_PREFIXES: Readonly<Record<string, ResidentIdKind>> = {
  '810000': 'HK_RESIDENCE',
  '820000': 'MACAO_RESIDENCE',
  '830000': 'TAIWAN_RESIDENCE',
};

const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** GB 11643-1999 check character for the first 17 digits of a citizen identity number. */
export function computeResidentIdCheckChar(first17Digits: string): string {
  if (!/^\d{17}$/.test(first17Digits)) {
    throw new RangeError(`expected 17 digits, got "${first17Digits}"`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17Digits[i]) * CHECK_WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

const EARLIEST_BIRTH_DATE = '1900-01-01';
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date in China (UTC+8, no DST) at `instant`: the server may run in UTC. */
function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYYMMDD' → 'YYYY-MM-DD' if it is a real calendar date, else null. */
function toCalendarDate(yyyymmdd: string): string | null {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  const roundTrips =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return roundTrips ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}` : null;
}

function fail(errorCode: DocumentNumberErrorCode, message: string): DocumentNumberValidation {
  return { ok: false, errorCode, message };
}

/**
 * Only 18-character numbers are accepted: 15-digit first-generation cards stopped being valid in 2013.
 * Region validation is deliberately coarse (province prefix only): county codes change every year
 * and a number issued under a since-abolished county stays valid for life.
 */
function validateResidentId(normalized: string, today: Date): DocumentNumberValidation {
  if (!/^\d{17}[\dX]$/.test(normalized)) {
    return fail('ID_NUMBER_FORMAT', '身份证号码应为18位,前17位为数字,最后一位为数字或X');
  }
  const regionCode = normalized.slice(0, 6);
  const kind: ResidentIdKind | undefined =
    RESIDENCE_PERMIT_PREFIXES[regionCode] ??
    (MAINLAND_PROVINCE_CODES.has(regionCode.slice(0, 2)) ? 'MAINLAND' : undefined);
  if (!kind) {
    return fail('ID_NUMBER_REGION', '身份证号码前6位地区码不正确,请核对后重新输入');
  }
  const birthDate = toCalendarDate(normalized.slice(6, 14));
  if (!birthDate || birthDate < EARLIEST_BIRTH_DATE || birthDate > chinaDateOf(today)) {
    return fail('ID_NUMBER_BIRTH_DATE', '身份证号码中的出生日期不正确,请核对后重新输入');
  }
  if (computeResidentIdCheckChar(normalized.slice(0, 17)) !== normalized[17]) {
    return fail('ID_NUMBER_CHECK_DIGIT', '身份证号码校验位不正确,请核对后重新输入');
  }
  const gender = Number(normalized[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
  return { ok: true, normalized, birthDate, gender, regionCode, kind };
}

/**
 * Format only: none of these numbers carries a public check digit.
 * - 港澳居民来往内地通行证: H (Hong Kong) or M (Macao) + 8 digits (current cards) or + 10 digits
 *   (older cards, whose last two digits count re-issues).
 * - 台湾居民来往大陆通行证: 8 digits (current cards), or 10 letters/digits for older and one-time
 *   permits, whose layouts varied (e.g. 8 digits + a re-issue suffix, or a letter + 9 digits).
 * - 护照(外国): 5–17 letters or digits; nationality is checked separately by `validateNationality`.
 */
const FORMAT_RULES: Readonly<Record<Exclude<DocumentType, 'RESIDENT_ID'>, { pattern: RegExp; message: string }>> = {
  HK_MACAO_PERMIT: {
    pattern: /^[HM](?:\d{8}|\d{10})$/,
    message: '港澳居民来往内地通行证号码应为H或M加8位或10位数字',
  },
  TAIWAN_PERMIT: {
    pattern: /^(?:\d{8}|[A-Z0-9]{10})$/,
    message: '台湾居民来往大陆通行证号码应为8位数字(旧版为10位字母或数字)',
  },
  FOREIGN_PASSPORT: {
    pattern: /^[A-Z0-9]{5,17}$/,
    message: '护照号码应为5至17位字母或数字',
  },
};

/**
 * Validates a 证件号码 for the chosen 证件类型. Checks run from the coarsest to the finest so the
 * message names the first thing the candidate got wrong. `today` defaults to now (only used to
 * reject birth dates in the future).
 */
export function validateDocumentNumber(
  type: DocumentType,
  raw: string,
  options: { today?: Date } = {},
): DocumentNumberValidation {
  const normalized = normalizeDocumentNumber(type, raw);
  if (type === 'RESIDENT_ID') return validateResidentId(normalized, options.today ?? new Date());
  const rule = FORMAT_RULES[type];
  return rule.pattern.test(normalized) ? { ok: true, normalized } : fail('DOCUMENT_NUMBER_FORMAT', rule.message);
}

/**
 * ISO 3166-1 alpha-3 codes officially assigned as of 2024 (249). ICAO-only passport codes
 * (D, GBD, UNO, XXA, RKS …) are not accepted: the nationality field is a country picker, not an MRZ.
 */
const ISO_3166_ALPHA3: ReadonlySet<string> = new Set(
  (
    'ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR ' +
    'BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG ' +
    'COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH ' +
    'FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY ' +
    'HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM ' +
    'KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL ' +
    'MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR ' +
    'NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU ' +
    'SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA ' +
    'TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB ' +
    'VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE'
  ).split(' '),
);

export type NationalityValidation =
  | { ok: true; normalized: string }
  | { ok: false; errorCode: 'NATIONALITY_CODE'; message: string };

/**
 * Nationality of a 护照(外国) holder as an ISO 3166-1 alpha-3 code. CHN is refused because Chinese
 * citizens register with a 内地居民身份证 (China does not recognise dual nationality).
 */
export function validateNationality(raw: string): NationalityValidation {
  const normalized = raw.trim().toUpperCase();
  if (normalized === 'CHN') {
    return { ok: false, errorCode: 'NATIONALITY_CODE', message: '中国公民请选择内地居民身份证注册' };
  }
  return ISO_3166_ALPHA3.has(normalized)
    ? { ok: true, normalized }
    : { ok: false, errorCode: 'NATIONALITY_CODE', message: '国籍代码不正确,请从列表中选择国籍' };
}

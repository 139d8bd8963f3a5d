import { createRequire } from 'node:module';

/** 所在省市 of 线上实名认证: GB/T 2260 provinces and their prefecture-level cities. */
export interface Province {
  code: string;
  name: string;
  cities: Array<{ code: string; name: string }>;
}

type AreaData = Record<string, Record<string, string>>;

// china-area-data: { '86': { provinceCode: name }, provinceCode: { cityCode: name }, cityCode: { districts } }.
const areaData = createRequire(import.meta.url)('china-area-data/data.json') as AreaData;

/**
 * 台湾, 香港 and 澳门 are left out: no registration unit reviews them (their residents register with
 * other documents). Municipalities list one city, 市辖区, shown under the municipality's name.
 */
const EXCLUDED_PROVINCES = new Set(['710000', '810000', '820000']);

export const PROVINCES: readonly Province[] = Object.entries(areaData['86'] ?? {})
  .filter(([code]) => !EXCLUDED_PROVINCES.has(code))
  .map(([code, name]) => ({
    code,
    name,
    cities: Object.entries(areaData[code] ?? {}).map(([cityCode, cityName]) => ({ code: cityCode, name: cityName === '市辖区' ? name : cityName })),
  }));

const BY_CODE = new Map(PROVINCES.map((p) => [p.code, p]));

/** The province and city names, or null when the city does not belong to the province. */
export function findRegion(provinceCode: string, cityCode: string): { provinceName: string; cityName: string } | null {
  const province = BY_CODE.get(provinceCode);
  const city = province?.cities.find((c) => c.code === cityCode);
  return province && city ? { provinceName: province.name, cityName: city.name } : null;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { ExamLevel, EXAM_LEVEL_LABELS, RegistrationUnitKind } from '../modules/exam/exam.entity';
import { PaymentChannelCode } from '../modules/payment/payment-channel.entity';
import { seedRegistrationSetup } from '../modules/registration/registration.seed';
import { arrayLiteral } from '../orm/raw-transaction';

/** [code (GB/T 2260), name, kind, telephone area code] in the order of the official province table. */
export const REGISTRATION_UNITS: ReadonlyArray<readonly [string, string, RegistrationUnitKind, string]> = [
  ['110000', '北京市', RegistrationUnitKind.PROVINCE, '010'],
  ['120000', '天津市', RegistrationUnitKind.PROVINCE, '022'],
  ['130000', '河北省', RegistrationUnitKind.PROVINCE, '0311'],
  ['140000', '山西省', RegistrationUnitKind.PROVINCE, '0351'],
  ['150000', '内蒙古自治区', RegistrationUnitKind.PROVINCE, '0471'],
  ['210000', '辽宁省', RegistrationUnitKind.PROVINCE, '024'],
  ['210200', '大连市', RegistrationUnitKind.PLAN_CITY, '0411'],
  ['220000', '吉林省', RegistrationUnitKind.PROVINCE, '0431'],
  ['230000', '黑龙江省', RegistrationUnitKind.PROVINCE, '0451'],
  ['310000', '上海市', RegistrationUnitKind.PROVINCE, '021'],
  ['320000', '江苏省', RegistrationUnitKind.PROVINCE, '025'],
  ['330000', '浙江省', RegistrationUnitKind.PROVINCE, '0571'],
  ['330200', '宁波市', RegistrationUnitKind.PLAN_CITY, '0574'],
  ['340000', '安徽省', RegistrationUnitKind.PROVINCE, '0551'],
  ['350000', '福建省', RegistrationUnitKind.PROVINCE, '0591'],
  ['350200', '厦门市', RegistrationUnitKind.PLAN_CITY, '0592'],
  ['360000', '江西省', RegistrationUnitKind.PROVINCE, '0791'],
  ['370000', '山东省', RegistrationUnitKind.PROVINCE, '0531'],
  ['370200', '青岛市', RegistrationUnitKind.PLAN_CITY, '0532'],
  ['410000', '河南省', RegistrationUnitKind.PROVINCE, '0371'],
  ['420000', '湖北省', RegistrationUnitKind.PROVINCE, '027'],
  ['430000', '湖南省', RegistrationUnitKind.PROVINCE, '0731'],
  ['440000', '广东省', RegistrationUnitKind.PROVINCE, '020'],
  ['440300', '深圳市', RegistrationUnitKind.PLAN_CITY, '0755'],
  ['450000', '广西壮族自治区', RegistrationUnitKind.PROVINCE, '0771'],
  ['460000', '海南省', RegistrationUnitKind.PROVINCE, '0898'],
  ['500000', '重庆市', RegistrationUnitKind.PROVINCE, '023'],
  ['510000', '四川省', RegistrationUnitKind.PROVINCE, '028'],
  ['520000', '贵州省', RegistrationUnitKind.PROVINCE, '0851'],
  ['530000', '云南省', RegistrationUnitKind.PROVINCE, '0871'],
  ['540000', '西藏自治区', RegistrationUnitKind.PROVINCE, '0891'],
  ['610000', '陕西省', RegistrationUnitKind.PROVINCE, '029'],
  ['620000', '甘肃省', RegistrationUnitKind.PROVINCE, '0931'],
  ['630000', '青海省', RegistrationUnitKind.PROVINCE, '0971'],
  ['640000', '宁夏回族自治区', RegistrationUnitKind.PROVINCE, '0951'],
  ['650000', '新疆维吾尔自治区', RegistrationUnitKind.PROVINCE, '0991'],
  ['660000', '新疆生产建设兵团', RegistrationUnitKind.CORPS, '0991'],
];

/** Demo windows: most units open now, some (as 上海/河南 did in 2025) open later, one already closed. */
const NOT_YET_OPEN = new Set(['310000', '410000']);
const ALREADY_CLOSED = new Set(['540000']);

const DAY = 24 * 3600 * 1000;

/** Midnight in China (UTC+8, no daylight saving) `days` from the day containing `now`. */
function chinaMidnight(now: Date, days: number): Date {
  const chinaDay = Math.floor((now.getTime() + 8 * 3600 * 1000) / DAY);
  return new Date((chinaDay + days) * DAY - 8 * 3600 * 1000);
}

export function chinaYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3600 * 1000).getUTCFullYear();
}

function windowsFor(code: string, now: Date) {
  if (ALREADY_CLOSED.has(code)) {
    const start = chinaMidnight(now, -20);
    const end = new Date(chinaMidnight(now, -1).getTime() + 12 * 3600 * 1000);
    return { start, end, paymentEnd: new Date(end.getTime() + 6 * 3600 * 1000) };
  }
  const start = NOT_YET_OPEN.has(code) ? chinaMidnight(now, 3) : chinaMidnight(now, -1);
  const end = new Date(chinaMidnight(now, 45).getTime() + 12 * 3600 * 1000);
  return { start, end, paymentEnd: new Date(end.getTime() + 6 * 3600 * 1000) };
}

/**
 * Inserts what is missing and never changes what exists, so running it on every start is safe.
 * Windows are placed around the moment of the first seeding.
 */
export async function seedDemoData(em: EntityManager, now: Date): Promise<void> {
  const year = chinaYear(now);
  await em.transactional(async (tx) => {
    const conn = tx.getConnection();
    for (const [index, [code, name, kind]] of REGISTRATION_UNITS.entries()) {
      await conn.execute(
        `insert into registration_unit (id, code, name, kind, sort_order) values (gen_random_uuid(), ?, ?, ?, ?)
         on conflict (code) do nothing`,
        [code, name, kind, index + 1],
      );
    }
    const channels: Array<[PaymentChannelCode, string]> = [
      [PaymentChannelCode.ALIPAY, '支付宝'],
      [PaymentChannelCode.WECHAT_PAY, '微信支付'],
      [PaymentChannelCode.UNIONPAY, '银联'],
    ];
    for (const [index, [code, name]] of channels.entries()) {
      await conn.execute(
        `insert into payment_channel (code, name, enabled, sort_order) values (?, ?, true, ?) on conflict (code) do nothing`,
        [code, name, index + 1],
      );
    }
    for (const level of [ExamLevel.JUNIOR, ExamLevel.INTERMEDIATE, ExamLevel.SENIOR]) {
      await conn.execute(
        `insert into exam (id, year, level, name, created_at) values (gen_random_uuid(), ?, ?, ?, now())
         on conflict (year, level) do nothing`,
        [year, level, `${year}年全国会计专业技术资格考试(${EXAM_LEVEL_LABELS[level]})`],
      );
    }
    const exams = await conn.execute<Array<{ id: string }>>(`select id from exam where year = ?`, [year]);
    for (const exam of exams) {
      for (const [code, , , areaCode] of REGISTRATION_UNITS) {
        const w = windowsFor(code, now);
        await conn.execute(
          `insert into exam_unit (id, exam_id, unit_id, registration_starts_at, registration_ends_at,
                                  payment_starts_at, payment_ends_at, consult_phones, notice_url)
           select gen_random_uuid(), ?, u.id, ?, ?, ?, ?, ?::text[], ?
             from registration_unit u where u.code = ?
           on conflict (exam_id, unit_id) do nothing`,
          [exam.id, w.start, w.end, w.start, w.paymentEnd, arrayLiteral([`${areaCode}-66001234`, `${areaCode}-66005678`]), `https://kjks.example.cn/notices/${code}`, code],
        );
      }
    }
    await seedRegistrationSetup(conn, year);
  });
}

import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Demo registration setup for every unit of the exams of one year: 阅读须知, 通知公告, 证明材料,
 * fees, 报考地市 and 报名点; and the national subject list. Set-based statements keyed by unit code
 * (a handful of statements, not one per row), each inserting only what is missing.
 */

type Connection = ReturnType<EntityManager['getConnection']>;

/** [unit code, [city code, city name] × 3]: districts for municipalities and 计划单列市, 师 for the 兵团. */
export const DEMO_CITIES: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  '110000': [['110101', '东城区'], ['110105', '朝阳区'], ['110108', '海淀区']],
  '120000': [['120101', '和平区'], ['120103', '河西区'], ['120116', '滨海新区']],
  '130000': [['130100', '石家庄市'], ['130200', '唐山市'], ['130600', '保定市']],
  '140000': [['140100', '太原市'], ['140200', '大同市'], ['140700', '晋中市']],
  '150000': [['150100', '呼和浩特市'], ['150200', '包头市'], ['150600', '鄂尔多斯市']],
  '210000': [['210100', '沈阳市'], ['210300', '鞍山市'], ['210700', '锦州市']],
  '210200': [['210202', '中山区'], ['210204', '沙河口区'], ['210213', '金州区']],
  '220000': [['220100', '长春市'], ['220200', '吉林市'], ['220500', '通化市']],
  '230000': [['230100', '哈尔滨市'], ['230200', '齐齐哈尔市'], ['230600', '大庆市']],
  '310000': [['310101', '黄浦区'], ['310104', '徐汇区'], ['310115', '浦东新区']],
  '320000': [['320100', '南京市'], ['320200', '无锡市'], ['320500', '苏州市']],
  '330000': [['330100', '杭州市'], ['330300', '温州市'], ['330700', '金华市']],
  '330200': [['330203', '海曙区'], ['330212', '鄞州区'], ['330213', '奉化区']],
  '340000': [['340100', '合肥市'], ['340200', '芜湖市'], ['340300', '蚌埠市']],
  '350000': [['350100', '福州市'], ['350500', '泉州市'], ['350600', '漳州市']],
  '350200': [['350203', '思明区'], ['350206', '湖里区'], ['350211', '集美区']],
  '360000': [['360100', '南昌市'], ['360400', '九江市'], ['360700', '赣州市']],
  '370000': [['370100', '济南市'], ['370600', '烟台市'], ['370700', '潍坊市']],
  '370200': [['370202', '市南区'], ['370203', '市北区'], ['370211', '黄岛区']],
  '410000': [['410100', '郑州市'], ['410300', '洛阳市'], ['410700', '新乡市']],
  '420000': [['420100', '武汉市'], ['420500', '宜昌市'], ['420600', '襄阳市']],
  '430000': [['430100', '长沙市'], ['430200', '株洲市'], ['430300', '湘潭市']],
  '440000': [['440100', '广州市'], ['440400', '珠海市'], ['440600', '佛山市']],
  '440300': [['440303', '罗湖区'], ['440304', '福田区'], ['440305', '南山区']],
  '450000': [['450100', '南宁市'], ['450200', '柳州市'], ['450300', '桂林市']],
  '460000': [['460100', '海口市'], ['460200', '三亚市'], ['469005', '文昌市']],
  '500000': [['500103', '渝中区'], ['500105', '江北区'], ['500112', '渝北区']],
  '510000': [['510100', '成都市'], ['510700', '绵阳市'], ['511300', '南充市']],
  '520000': [['520100', '贵阳市'], ['520300', '遵义市'], ['520400', '安顺市']],
  '530000': [['530100', '昆明市'], ['530300', '曲靖市'], ['532500', '红河哈尼族彝族自治州']],
  '540000': [['540100', '拉萨市'], ['540200', '日喀则市'], ['540400', '林芝市']],
  '610000': [['610100', '西安市'], ['610300', '宝鸡市'], ['610400', '咸阳市']],
  '620000': [['620100', '兰州市'], ['620500', '天水市'], ['620600', '武威市']],
  '630000': [['630100', '西宁市'], ['630200', '海东市'], ['632800', '海西蒙古族藏族自治州']],
  '640000': [['640100', '银川市'], ['640200', '石嘴山市'], ['640300', '吴忠市']],
  '650000': [['650100', '乌鲁木齐市'], ['650200', '克拉玛依市'], ['652300', '昌吉回族自治州']],
  '660000': [['659001', '第八师石河子市'], ['659002', '第一师阿拉尔市'], ['659003', '第三师图木舒克市']],
};

/** Fees in fen. From the domain brief; units not listed there get DEFAULT_FEE (a plausible value, not a published one). */
export const DEMO_FEES: Readonly<Record<string, { perSubjectFen: number; perPersonFen: number }>> = {
  '110000': { perSubjectFen: 5600, perPersonFen: 0 },
  '310000': { perSubjectFen: 4000, perPersonFen: 1000 },
  '440000': { perSubjectFen: 6100, perPersonFen: 0 },
  '330000': { perSubjectFen: 6000, perPersonFen: 0 },
  '220000': { perSubjectFen: 5000, perPersonFen: 0 },
  '520000': { perSubjectFen: 5000, perPersonFen: 0 },
  '610000': { perSubjectFen: 7000, perPersonFen: 0 },
  '660000': { perSubjectFen: 4000, perPersonFen: 1500 },
};
export const DEFAULT_FEE = { perSubjectFen: 5600, perPersonFen: 0 };

/** 直辖市: their finance department is a 财政局, like the 计划单列市 and the 兵团. */
const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);

/** Units that (in this demo) waive the fee for 城乡低保 recipients. */
const SUBSISTENCE_WAIVER_UNITS = ['220000', '520000', '540000', '610000', '620000', '630000'];

export const SUBJECTS: ReadonlyArray<readonly [code: string, level: string, name: string]> = [
  ['JUNIOR_PRACTICE', 'JUNIOR', '初级会计实务'],
  ['JUNIOR_ECONOMIC_LAW', 'JUNIOR', '经济法基础'],
  ['INTERMEDIATE_PRACTICE', 'INTERMEDIATE', '中级会计实务'],
  ['FINANCIAL_MANAGEMENT', 'INTERMEDIATE', '财务管理'],
  ['INTERMEDIATE_ECONOMIC_LAW', 'INTERMEDIATE', '经济法'],
  ['SENIOR_PRACTICE', 'SENIOR', '高级会计实务'],
];

interface MaterialTemplate {
  code: string;
  level: 'JUNIOR' | 'INTERMEDIATE' | 'SENIOR';
  name: string;
  description: string;
  required: boolean;
  /** Only these units ask for it; absent: every unit. */
  units?: readonly string[];
  /** Units where it is required whatever `required` says. */
  requiredIn?: readonly string[];
}

const ID = '证件人像面与国徽面扫描件或照片,合并为一张JPG/PNG图片,字迹清晰';
const MATERIAL_TEMPLATES: MaterialTemplate[] = (['JUNIOR', 'INTERMEDIATE', 'SENIOR'] as const).flatMap((level) => {
  const list: MaterialTemplate[] = [
    { code: 'IDENTITY_DOCUMENT', level, name: '有效身份证件', description: ID, required: true },
    {
      code: 'EDUCATION_CERTIFICATE',
      level,
      name: '学历(学位)证书',
      description: '最高学历或学位证书原件扫描件;学信网可查的学历实行告知承诺制,可不上传',
      required: level !== 'JUNIOR',
      // These units verify 初级 education manually too (demo data).
      requiredIn: ['440000', '610000'],
    },
  ];
  if (level !== 'JUNIOR') {
    list.push({
      code: 'WORK_PROOF',
      level,
      name: '会计工作年限证明',
      description: '所在单位出具并加盖公章的从事会计工作年限证明',
      required: true,
    });
  }
  if (level === 'INTERMEDIATE') {
    list.push({
      code: 'OTHER_QUALIFICATION',
      level,
      name: '经济、统计、审计专业技术中级资格证书',
      description: '以取得经济、统计、审计专业技术中级资格报考的,上传资格证书',
      required: false,
    });
  }
  if (level === 'SENIOR') {
    list.push({ code: 'ACCOUNTANT_CERTIFICATE', level, name: '会计专业技术中级资格证书', description: '会计师资格证书扫描件', required: true });
  }
  list.push(
    {
      code: 'RESIDENCE_PERMIT',
      level,
      name: '居住证或社保缴纳证明',
      description: '非本地户籍且在本地工作的考生上传居住证或近期社保缴纳证明',
      required: false,
      units: ['110000', '310000', '440000', '440300'],
    },
    {
      code: 'FEE_WAIVER_PROOF',
      level,
      name: '城乡低保证明',
      description: '申请减免考试费的城乡最低生活保障对象上传民政部门出具的证明',
      required: false,
      units: SUBSISTENCE_WAIVER_UNITS,
    },
  );
  return list;
});

function agreementText(unitName: string): string {
  return [
    `${unitName}会计专业技术资格考试报名阅读须知`,
    '一、报考人员应当遵守《中华人民共和国会计法》和国家其他有关法律法规,具备良好的职业道德,无严重违反财经纪律的行为。',
    '二、报名实行告知承诺制。报考人员须如实填写报名信息并作出承诺,对所填信息的真实性、准确性负责;提供虚假信息的,一经查实,考试成绩无效,并按有关规定处理。',
    '三、报考人员应在工作单位所在地报名;在校学生在学校所在地报名;其他人员在户籍或居住地报名。',
    '四、报名信息提交后经审核通过方可缴费,缴费成功即为报名成功;缴费后不得修改报名信息,考试费用不予退还。',
    '五、报名照片须为近期免冠白底证件照,JPG格式,大于10KB,不小于295×413像素(1寸)。',
    '六、请在规定时间内完成报名和缴费,逾期不再受理。',
  ].join('\n');
}

export async function seedRegistrationSetup(conn: Connection, year: number): Promise<void> {
  await conn.execute(
    `insert into exam_subject (code, level, name, sort_order)
     select s.code, s.level, s.name, s.sort_order from jsonb_to_recordset(?::jsonb) as s(code text, level text, name text, sort_order int)
     on conflict (code) do nothing`,
    [JSON.stringify(SUBJECTS.map(([code, level, name], index) => ({ code, level, name, sort_order: index + 1 })))],
  );

  const cities = Object.entries(DEMO_CITIES).flatMap(([unit_code, list]) =>
    list.map(([code, name], index) => ({ unit_code, code, name, sort_order: index + 1 })),
  );
  await conn.execute(
    `insert into registration_city (id, unit_id, code, name, sort_order)
     select gen_random_uuid(), u.id, c.code, c.name, c.sort_order
       from jsonb_to_recordset(?::jsonb) as c(unit_code text, code text, name text, sort_order int)
       join registration_unit u on u.code = c.unit_code
     on conflict (unit_id, code) do nothing`,
    [JSON.stringify(cities)],
  );

  // The exam units of this year, as a CTE every statement below joins.
  const examUnitsOfYear = `select eu.id, eu.exam_id, u.code as unit_code, u.name as unit_name, e.level, e.year, eu.consult_phones
                             from exam_unit eu join exam e on e.id = eu.exam_id join registration_unit u on u.id = eu.unit_id
                            where e.year = ?`;

  await conn.execute(
    `with units as (${examUnitsOfYear})
     insert into exam_unit_guide (exam_unit_id, agreement_text, accepting_office, review_hint)
     select units.id, g.agreement_text, g.accepting_office, g.review_hint
       from units join jsonb_to_recordset(?::jsonb) as g(unit_code text, agreement_text text, accepting_office text, review_hint text)
         on g.unit_code = units.unit_code
     on conflict (exam_unit_id) do nothing`,
    [
      year,
      JSON.stringify(
        (await conn.execute<Array<{ code: string; name: string; kind: string }>>(`select code, name, kind from registration_unit`)).map((u) => ({
          unit_code: u.code,
          agreement_text: agreementText(u.name),
          accepting_office: `${u.name}${u.kind === 'PROVINCE' && !MUNICIPALITIES.has(u.code) ? '财政厅' : '财政局'}会计资格考试办公室`,
          review_hint: '报名信息提交后,请于1个工作日后登录本系统查看审核结果;审核通过后请在缴费截止时间前完成网上缴费,逾期视为放弃报考。',
        })),
      ),
    ],
  );

  // 通知公告: 报考人员必读事项 first, then the unit's notice, then one per 报考地市.
  await conn.execute(
    `with units as (${examUnitsOfYear}),
          wanted as (
            select units.id as exam_unit_id, 'MUST_READ' as kind, '报考人员必读事项' as title,
                   '一、报名前请确认已完成实名认证和信息采集。二、报名照片、证明材料须本人真实有效。三、审核通过后须在缴费截止时间前完成缴费。四、准考证打印时间另行通知,请关注本网站。' as body,
                   null::text as publisher, 1 as sort_order
              from units
            union all
            select units.id, 'UNIT', '关于' || units.year || '年度全国会计专业技术资格考试报名有关事项的通知',
                   units.unit_name || '财政部门关于报名时间、报名条件、考试科目、考试费用及考试时间的通知,请报考人员认真阅读。',
                   units.unit_name, 2
              from units
            union all
            select units.id, 'CITY', c.name || '考区报名及现场咨询安排',
                   c.name || '考区报名点的咨询电话、办公时间及现场咨询安排,请在该考区报考的人员注意查看。',
                   c.name, 2 + c.sort_order
              from units join registration_unit u on u.code = units.unit_code join registration_city c on c.unit_id = u.id
          )
     insert into exam_unit_notice (id, exam_unit_id, kind, title, body, publisher, published_at, sort_order)
     select gen_random_uuid(), w.exam_unit_id, w.kind, w.title, w.body, w.publisher, now(), w.sort_order
       from wanted w
      where not exists (select 1 from exam_unit_notice n where n.exam_unit_id = w.exam_unit_id and n.title = w.title)`,
    [year],
  );

  const materials = MATERIAL_TEMPLATES.map((m, index) => ({
    code: m.code,
    level: m.level,
    name: m.name,
    description: m.description,
    required: m.required,
    required_in: m.requiredIn ?? [],
    units: m.units ?? null,
    sort_order: index + 1,
  }));
  await conn.execute(
    `with units as (${examUnitsOfYear})
     insert into material_requirement (id, exam_unit_id, code, name, description, required, sort_order)
     select gen_random_uuid(), units.id, m.code, m.name, m.description,
            m.required or units.unit_code in (select jsonb_array_elements_text(m.required_in)), m.sort_order
       from units join jsonb_to_recordset(?::jsonb) as m(code text, level text, name text, description text, required boolean,
                                                          required_in jsonb, units jsonb, sort_order int)
         on m.level = units.level
      where m.units is null or units.unit_code in (select jsonb_array_elements_text(m.units))
     on conflict (exam_unit_id, code) do nothing`,
    [year, JSON.stringify(materials)],
  );

  const fees = Object.keys(DEMO_CITIES).map((unit_code) => {
    const fee = DEMO_FEES[unit_code] ?? DEFAULT_FEE;
    return { unit_code, per_subject_fen: fee.perSubjectFen, per_person_fen: fee.perPersonFen };
  });
  await conn.execute(
    `with units as (${examUnitsOfYear})
     insert into fee_rule (exam_unit_id, per_subject_fen, per_person_fen)
     select units.id, f.per_subject_fen, f.per_person_fen
       from units join jsonb_to_recordset(?::jsonb) as f(unit_code text, per_subject_fen int, per_person_fen int) on f.unit_code = units.unit_code
     on conflict (exam_unit_id) do nothing`,
    [year, JSON.stringify(fees)],
  );
  await conn.execute(
    `with units as (${examUnitsOfYear})
     insert into fee_waiver_category (id, exam_unit_id, code, name, description)
     select gen_random_uuid(), units.id, 'SUBSISTENCE_ALLOWANCE', '城乡低保', '城乡最低生活保障对象,凭民政部门证明减免考试费'
       from units where units.unit_code in (select jsonb_array_elements_text(?::jsonb))
     on conflict (exam_unit_id, code) do nothing`,
    [year, JSON.stringify(SUBSISTENCE_WAIVER_UNITS)],
  );

  // 报名点: one per city; the first city also has a small 政务服务中心 point (capacity 5) that fills up.
  await conn.execute(
    `with units as (${examUnitsOfYear}),
          wanted as (
            select units.id as exam_unit_id, c.id as city_id, c.name || '会计资格考试报名点' as name,
                   c.name || '财政局会计考试服务窗口' as address, units.consult_phones[1] as phone, null::int as capacity, 2 * c.sort_order - 1 as sort_order
              from units join registration_unit u on u.code = units.unit_code join registration_city c on c.unit_id = u.id
            union all
            select units.id, c.id, c.name || '政务服务中心报名点', c.name || '政务服务中心二楼综合窗口', units.consult_phones[1], 5, 2 * c.sort_order
              from units join registration_unit u on u.code = units.unit_code join registration_city c on c.unit_id = u.id and c.sort_order = 1
          )
     insert into registration_point (id, exam_unit_id, city_id, name, address, phone, capacity, taken, sort_order)
     select gen_random_uuid(), w.exam_unit_id, w.city_id, w.name, w.address, coalesce(w.phone, '12366'), w.capacity, 0, w.sort_order
       from wanted w
      where not exists (select 1 from registration_point p where p.exam_unit_id = w.exam_unit_id and p.city_id = w.city_id and p.name = w.name)`,
    [year],
  );
}

// 报名高峰 (registration rush): every autocannon connection is a candidate walking the real journey,
// one journey after another, each with a new candidate:
//   home (who am I) → 选择考试 (exam list) → province table → captcha → 登录 → 报名状态 →
//   two draft saves of 报名信息填写 → 确认无误 → 证明材料 下一步 → 提交
// and, since every registration ends in one payment, the payment of a candidate approved earlier:
//   captcha → 登录 → 网上缴费 page → 生成订单 → the channel's signed notification.
// One journey = both parts (one candidate's whole workload). Every 10th applicant chose a small
// 报名点 (capacity 5), so those fill: 报名点已满 is an intended answer, counted apart, not an error.
// Afterwards (correctness under load): no 5xx, every acknowledged submit, order and payment is in the
// database, no point is over capacity and `taken` equals the places held.
import { fileURLToPath } from 'node:url';
import { approveDrafts, insertCaptchas, OPS, passwordHashOf, personalInfo, piiOf, preparedDrafts, withPool } from '../lib/candidates.mjs';
import { createTally, graphqlRequest, oncePool, rootField, step } from '../lib/sequence.mjs';
import { BENCH_PASSWORD, loginStep } from './login.mjs';
import { channelOf, paymentSteps, verifyPayments } from './payment.mjs';
import { EXAM_LIST, PROVINCE_TABLE } from './public-exams.mjs';
import { verifySubmits } from './submit.mjs';

const JOURNEYS = Number(process.env.BENCH_RUSH_JOURNEYS ?? 6000);
const ME = 'query Me { me { id maskedName } }';
const CAPTCHA = 'mutation Captcha { captcha { id svg expiresAt } }';
const MY_PAYMENT = `query($id: ID!) { myPayment(applicationId: $id) { applicationStatus feeFen paymentOpen state canCreateOrder order { orderNo status } channels { code name } } }`;
const FULL = ['REGISTRATION_POINT_FULL'];

/** Runs in the autocannon worker. */
export function createSequence({ journeys, examId, channel }) {
  const tally = createTally();
  const pool = oncePool(journeys);
  const applicant = (ctx) => ctx.journey.applicant;
  const payer = (ctx) => ctx.journey.payer;
  const ok = (field, accept = () => true) => (status, body) => {
    const v = rootField(status, body, field);
    return v !== undefined && v !== null && accept(v);
  };
  // A registration transition: done, or refused because the chosen small 报名点 filled meanwhile.
  const transition = (field, onDone) => (status, body, ctx) => {
    const result = rootField(status, body, field);
    if (result?.ok) return onDone ? onDone(result, ctx) : true;
    if (result && FULL.includes(result.errorCode) && applicant(ctx).smallPoint) return 'expected:pointFull';
    return false;
  };
  const withCookie = (query, variables) => (ctx) => graphqlRequest(query, variables(ctx), ctx.cookie);
  const save = (email) =>
    step('saveApplicationDetails', tally, {
      request: withCookie(OPS.save, (ctx) => ({
        id: applicant(ctx).applicationId,
        input: { cityId: applicant(ctx).cityId, pointId: applicant(ctx).pointId, subjectCodes: ['JUNIOR_PRACTICE', 'JUNIOR_ECONOMIC_LAW'], personalInfo: withEmail(email) },
      })),
      check: transition('saveApplicationDetails'),
    });
  const [order, notify] = paymentSteps(tally, channel, (ctx) => ({ ...payer(ctx), cookie: ctx.cookie }));
  const requests = [
    {
      // home: the shell asks who is signed in
      setupRequest: (req, ctx) => {
        ctx.journey = pool.take();
        if (!ctx.journey) {
          tally.exhausted();
          ctx.failed = true;
        }
        return { ...req, ...graphqlRequest(ME) };
      },
      onResponse: (status, body, ctx) => {
        if (!ctx.failed && !(status === 200 && rootField(status, body, 'me') === null)) {
          ctx.failed = true;
          tally.failed('home', status, body);
        }
      },
    },
    step('examList', tally, { request: () => graphqlRequest(EXAM_LIST), check: ok('exams', (v) => v.length > 0) }),
    step('provinceTable', tally, { request: () => graphqlRequest(PROVINCE_TABLE, { id: examId }), check: ok('exam', (v) => v.units.length > 0) }),
    step('captcha', tally, { request: () => graphqlRequest(CAPTCHA), check: ok('captcha', (v) => v.svg.startsWith('<svg')) }),
    loginStep(tally, applicant),
    step('myApplication', tally, { request: withCookie(OPS.mine, () => ({ examId })), check: ok('myApplication', (v) => v.currentStep === 'CONFIRM') }),
    save('kaosheng@example.cn'),
    save('kaosheng.li@example.cn'),
    step('confirmDetails', tally, { request: withCookie(OPS.confirmDetails, (ctx) => ({ id: applicant(ctx).applicationId })), check: transition('confirmDetails') }),
    step('confirmMaterials', tally, { request: withCookie(OPS.confirmMaterials, (ctx) => ({ id: applicant(ctx).applicationId })), check: transition('confirmMaterials') }),
    step('submitApplication', tally, {
      request: withCookie(OPS.submit, (ctx) => ({ id: applicant(ctx).applicationId })),
      check: transition('submitApplication', (result) => {
        if (result.application?.status !== 'SUBMITTED') return false;
        tally.acknowledge('submits', result.application.id);
        return true;
      }),
    }),
    step('captcha', tally, { request: () => graphqlRequest(CAPTCHA), check: ok('captcha', (v) => v.svg.startsWith('<svg')) }),
    loginStep(tally, payer),
    step('myPayment', tally, {
      request: withCookie(MY_PAYMENT, (ctx) => ({ id: payer(ctx).applicationId })),
      check: ok('myPayment', (v) => v.applicationStatus === 'APPROVED' && v.canCreateOrder && v.paymentOpen),
    }),
    order,
    notify,
  ];
  return { requests, startMeasuring: tally.startMeasuring, summary: tally.summary };
}

/** Counters of this database, for its work per journey. */
async function databaseActivity(pool) {
  const { rows: [row] } = await pool.query(
    `select pg_stat_force_next_flush(), xact_commit::float8 as commits, (tup_inserted + tup_updated + tup_deleted)::float8 as "rowsWritten",
            tup_fetched::float8 as "rowsRead" from pg_stat_database where datname = current_database()`,
  );
  return row;
}

function withEmail(email) {
  const info = personalInfo();
  return { ...info, basic: { ...info.basic, email } };
}

/**
 * Instances for the national peak, from this run's gateway CPU per journey. Assumption (see
 * results-notes.md): 4.03 million 初级 registrations in one window, 15% of them in the first hour,
 * and the busiest minute of that hour at 1.5× the hour's average.
 */
export const PEAK = { registrations: 4_030_000, firstHourShare: 0.15, peakMinuteFactor: 1.5, instanceCores: 2, targetUtilisation: 0.7 };

export function instanceEstimate(journeysPerSecond, gatewayCpuPercent) {
  const peakJourneysPerSecond = (PEAK.registrations * PEAK.firstHourShare * PEAK.peakMinuteFactor) / 3600;
  const coreSecondsPerJourney = gatewayCpuPercent / 100 / journeysPerSecond;
  const perInstance = (PEAK.instanceCores * PEAK.targetUtilisation) / coreSecondsPerJourney;
  return {
    peakJourneysPerSecond: Math.round(peakJourneysPerSecond),
    gatewayCoreMsPerJourney: Math.round(coreSecondsPerJourney * 1000),
    journeysPerSecondPerTwoCoreInstance: Math.round(perInstance * 10) / 10,
    twoCoreInstancesForPeak: Math.ceil(peakJourneysPerSecond / perInstance),
  };
}

export default {
  name: 'rush',
  title: 'registration rush: whole candidate journeys (16 requests: browse, 登录, drafts, 提交, 生成订单, notification)',
  baseline: null,
  target: { errorRate: 0 },
  // Under load a journey takes several seconds: measure many journey lengths.
  warmupSeconds: Number(process.env.BENCH_RUSH_WARMUP ?? 15),
  durationSeconds: Number(process.env.BENCH_RUSH_DURATION ?? 60),
  timeoutSeconds: 30,
  async prepare(ctx) {
    let databaseBefore;
    const journeys = await withPool(ctx.databaseUrl, async (pool) => {
      const options = { passwordHash: await passwordHashOf(ctx.gatewayModule, BENCH_PASSWORD) };
      const applicants = await preparedDrafts(
        ctx,
        pool,
        JOURNEYS,
        (i, points) => {
          const small = points.filter((p) => p.capacity !== null);
          const unlimited = points.filter((p) => p.capacity === null);
          return i % 10 === 0 && small.length ? small[(i / 10) % small.length] : unlimited[i % unlimited.length];
        },
        options,
      );
      const payers = await preparedDrafts(ctx, pool, JOURNEYS, (i, points) => points.filter((p) => p.capacity === null)[i % 3], options);
      await approveDrafts(pool, payers.drafts);
      const smallPoints = new Set(applicants.unit.points.filter((p) => p.capacity !== null).map((p) => p.id));
      const captchas = await insertCaptchas(pool, await piiOf(ctx.gatewayModule, ctx.gatewayEnv), 2 * JOURNEYS);
      // The preparation's own writes reach the statistics within 10 s (PGSTAT_IDLE_INTERVAL).
      await new Promise((resolve) => setTimeout(resolve, 11_000));
      databaseBefore = await databaseActivity(pool);
      const who = (d, captcha) => ({ accountId: d.accountId, phone: d.phone, applicationId: d.applicationId, cityId: d.cityId, pointId: d.pointId, captcha });
      return {
        examId: applicants.unit.examId,
        list: applicants.drafts.map((d, i) => ({
          applicant: { ...who(d, captchas[2 * i]), smallPoint: smallPoints.has(d.pointId) },
          payer: who(payers.drafts[i], captchas[2 * i + 1]),
        })),
      };
    });
    return {
      url: ctx.gatewayUrl,
      sequence: { module: fileURLToPath(import.meta.url), options: { journeys: journeys.list, examId: journeys.examId, channel: channelOf(ctx.gatewayEnv) } },
      prepared: journeys.list.length,
      databaseBefore,
    };
  },
  async verify({ databaseUrl, measured, plan }) {
    const s = measured.sequence;
    const acknowledged = s.acknowledged;
    const serverErrors = Object.entries(measured.statusCodes ?? {}).filter(([code]) => Number(code) >= 500).reduce((n, [, v]) => n + v.count, 0);
    // Idle backends report their statistics within 10 s (PGSTAT_IDLE_INTERVAL).
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    const { submits, payments, databaseAfter } = await withPool(databaseUrl, async (pool) => ({
      databaseAfter: await databaseActivity(pool),
      submits: await verifySubmits(pool, acknowledged.submits ?? []),
      payments: await verifyPayments(pool, acknowledged),
    }));
    // For sizing the database: its work per journey (the whole run, warm-up included, over the journeys completed).
    const perJourney = (key) => Math.round(((databaseAfter[key] - plan.databaseBefore[key]) / Math.max(1, s.journeysCompleted)) * 10) / 10;
    const journeysPerSecond = s.journeysCompletedMeasured / measured.durationSeconds;
    const attempted = s.journeysCompleted + s.journeysFailed;
    return {
      journeysPerSecond,
      journeyErrorRate: attempted ? s.journeysFailed / attempted : null,
      failures: s.failures,
      expectedRefusals: s.expected,
      instances: instanceEstimate(journeysPerSecond, measured.server.cpuPercent),
      database: { commitsPerJourney: perJourney('commits'), rowsWrittenPerJourney: perJourney('rowsWritten'), rowsReadPerJourney: perJourney('rowsRead') },
      correctness: {
        journeysPrepared: plan.prepared,
        poolExhausted: s.poolExhausted,
        journeysCompleted: s.journeysCompleted,
        journeysFailed: s.journeysFailed,
        serverErrors5xx: serverErrors,
        acknowledgedLogins: (acknowledged.logins ?? []).length,
        ...Object.fromEntries(Object.entries(submits).filter(([k]) => k !== 'ok')),
        ...Object.fromEntries(Object.entries(payments).filter(([k]) => k !== 'ok')),
        ok: submits.ok && payments.ok && serverErrors === 0 && s.journeysFailed === 0 && s.poolExhausted === 0,
      },
    };
  },
};

import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { buildSchema, type ContainerType } from 'type-graphql';
import type { AppConfig } from '../config';
import { AccountResolver } from '../modules/account/account.resolver';
import { AccountService } from '../modules/account/account.service';
import { CaptchaService } from '../modules/account/captcha.service';
import { LoginThrottleService } from '../modules/account/login-throttle.service';
import { PasswordHasher } from '../modules/account/password-hasher';
import { PiiProtector } from '../modules/account/pii-protector';
import { SessionService } from '../modules/account/session.service';
import { SessionCache } from '../modules/account/session-cache';
import { SmsCodeService } from '../modules/account/sms-code.service';
import { SimulatedSmsProvider, type SmsProvider } from '../modules/account/sms-provider';
import { VerificationResolver } from '../modules/account/verification.resolver';
import { WeChatLoginResolver } from '../modules/account/wechat-login.resolver';
import { WeChatLoginService } from '../modules/account/wechat-login.service';
import { SimulatedWeChatLoginProvider, type WeChatLoginProvider } from '../modules/account/wechat-provider';
import { CharsetResolver } from '../modules/charset/charset.resolver';
import { ExamResolver } from '../modules/exam/exam.resolver';
import { ExamService } from '../modules/exam/exam.service';
import { PublicDataCache } from '../modules/exam/public-data-cache';
import { PaymentResolver } from '../modules/payment/payment.resolver';
import { createPaymentServices } from '../modules/payment/payment.module';
import { ApplicationReadService } from '../modules/registration/application-read.service';
import { ApplicationResolver } from '../modules/registration/application.resolver';
import { ApplicationReviewService } from '../modules/registration/application-review.service';
import { ApplicationService } from '../modules/registration/application.service';
import { ApplicationSubmitter } from '../modules/registration/application-submit';
import { ExamUnitDetailResolver } from '../modules/registration/exam-unit-detail.resolver';
import { ExamUnitDetailService } from '../modules/registration/exam-unit-detail.service';
import { ReviewResolver } from '../modules/registration/review.resolver';
import { LocalDiskStorage } from '../modules/registration/storage-provider';
import { UploadService } from '../modules/registration/upload.service';
import { ImageReencodeWorkers } from '../modules/registration/image-reencode-workers';
import type { Clock } from './context';
import { SystemResolver } from './system.resolver';
import { accessAuthChecker, denyUndeclaredRootFields } from './access';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { AuditService } from '../modules/audit/audit.service';
import { CandidateLookupResolver } from '../modules/ops/candidate-lookup.resolver';
import { CandidateLookupService } from '../modules/ops/candidate-lookup.service';
import { OpsAuthService } from '../modules/ops/ops-auth.service';
import { OpsResolver } from '../modules/ops/ops.resolver';
import { OpsSessionService } from '../modules/ops/ops-session.service';
import { AdminResolver } from '../modules/admin/admin.resolver';
import { AdminService } from '../modules/admin/admin.service';
import { ApplicationReportService } from '../modules/admin/application-report.service';
import { OpsAccountAdminService } from '../modules/admin/ops-account-admin.service';
import { createIdentityServices } from '../modules/identity/identity.module';
import { IdentityResolver } from '../modules/identity/identity.resolver';
import { ProfileResolver } from '../modules/identity/profile.resolver';
import { OnlineRealNameResolver } from '../modules/identity/online-real-name.resolver';

export interface ServiceDependencies {
  config: AppConfig;
  orm: MikroORM;
  clock: Clock;
  /** Defaults to the local simulator (sms_outbox, shown at GET /dev/outbox). */
  smsProvider?: SmsProvider;
}

/** Services are stateless singletons; resolvers get them by constructor, wired here by hand. */
export function createServices({ config, orm, clock, smsProvider }: ServiceDependencies) {
  const pii = new PiiProtector(config.pii);
  const sms = smsProvider ?? new SimulatedSmsProvider(orm, clock, { maxDelayMs: config.sms.simulatorMaxDelayMs });
  const smsCodes = new SmsCodeService(pii, sms);
  const captchas = new CaptchaService(pii, { recordAnswersForDevOutbox: config.devOutboxEnabled });
  const sessionCache = new SessionCache();
  const sessions = new SessionService(config.session, sessionCache, config.groupCommit.maxWaiting);
  const accounts = new AccountService({
    pii,
    passwords: new PasswordHasher(),
    smsCodes,
    sms,
    captchas,
    sessions,
    loginThrottle: new LoginThrottleService(),
    clientMaxFailures: config.login.ipMaxFailures,
  });
  // 微信扫码登录: the local simulator plays WeChat unless disabled (no real WeChat contract yet).
  const wechatSimulator = config.wechat.simulatorEnabled
    ? new SimulatedWeChatLoginProvider({ key: config.wechat.callbackKey, clock })
    : null;
  const wechatProvider: WeChatLoginProvider | null = wechatSimulator;
  const wechatLogin = new WeChatLoginService({
    provider: wechatProvider,
    accounts,
    sessions,
    loginThrottle: new LoginThrottleService(),
    ticketTtlMs: config.wechat.ticketTtlMs,
    secureCookie: config.session.secureCookie,
  });
  const opsSessions = new OpsSessionService(config.ops.session);
  const opsAuth = new OpsAuthService({
    pii,
    passwords: new PasswordHasher(),
    sessions: opsSessions,
    loginThrottle: new LoginThrottleService(),
    clientMaxFailures: config.ops.ipMaxFailures,
  });
  const paymentServices = createPaymentServices({ config, orm, clock });
  // 重新报名 closes the application's live payment order (see PaymentService.closeLiveOrderForWithdrawal).
  const applications = new ApplicationService(new ApplicationSubmitter(config.groupCommit), paymentServices.payment);
  // Published exam data, cached per process; app.ts starts the listener that invalidates it.
  const publicData = new PublicDataCache();
  const uploads = new UploadService(
    new LocalDiskStorage(config.uploads.dir),
    { maxBytes: config.uploads.maxBytes, tokenTtlMs: config.uploads.tokenTtlMs },
    new ImageReencodeWorkers(config.uploads.reencodeWorkers),
  );
  return {
    publicData,
    // Session lookups, cached per process; the same listener drops revoked sessions.
    sessionCache,
    exam: new ExamService(publicData),
    applications,
    applicationReads: new ApplicationReadService(),
    applicationReview: new ApplicationReviewService(pii),
    examUnitDetails: new ExamUnitDetailService(applications, publicData),
    uploads,
    ...paymentServices,
    accounts,
    sessions,
    smsCodes,
    wechatLogin,
    wechatProvider,
    wechatSimulator,
    captchas,
    opsSessions,
    opsAuth,
    audit: new AuditService(),
    candidateLookup: new CandidateLookupService(pii),
    admin: new AdminService(),
    opsAccountAdmin: new OpsAccountAdminService(opsAuth, pii),
    applicationReports: new ApplicationReportService(pii),
    ...createIdentityServices({ config, pii, uploads }),
  };
}

export type Services = ReturnType<typeof createServices>;

function createResolverContainer(services: Services): ContainerType {
  const resolvers = new Map<Function, object>([
    [ExamResolver, new ExamResolver(services.exam)],
    [PaymentResolver, new PaymentResolver(services.payment)],
    [AccountResolver, new AccountResolver(services.accounts)],
    [VerificationResolver, new VerificationResolver(services.smsCodes, services.captchas)],
    [WeChatLoginResolver, new WeChatLoginResolver(services.wechatLogin, services.accounts)],
    [SystemResolver, new SystemResolver()],
    [ExamUnitDetailResolver, new ExamUnitDetailResolver(services.examUnitDetails)],
    [ApplicationResolver, new ApplicationResolver(services.applications, services.applicationReads, services.uploads)],
    [ReviewResolver, new ReviewResolver(services.applicationReview, services.applicationReads)],
    [OpsResolver, new OpsResolver(services.opsAuth)],
    [AuditResolver, new AuditResolver(services.audit)],
    [CandidateLookupResolver, new CandidateLookupResolver(services.candidateLookup)],
    [CharsetResolver, new CharsetResolver()],
    [AdminResolver, new AdminResolver(services.admin, services.opsAccountAdmin, services.applicationReports)],
    [IdentityResolver, new IdentityResolver(services.identity)],
    [ProfileResolver, new ProfileResolver(services.profiles)],
    [OnlineRealNameResolver, new OnlineRealNameResolver(services.onlineRealName, services.identity)],
  ]);
  return {
    get(someClass: Function) {
      const instance = resolvers.get(someClass);
      if (!instance) throw new Error(`Resolver ${someClass.name} is not wired in createResolverContainer`);
      return instance;
    },
  };
}

/** For printing the schema: type-graphql asks the container only when a field is resolved. */
const schemaOnlyContainer: ContainerType = {
  get(someClass: Function) {
    throw new Error(`${someClass.name} cannot resolve: this schema was built without services`);
  },
};

export async function buildGatewaySchema(services?: Services): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [ExamResolver, PaymentResolver, ExamUnitDetailResolver, ApplicationResolver, ReviewResolver, AccountResolver, VerificationResolver, WeChatLoginResolver, SystemResolver, CharsetResolver, OpsResolver, AuditResolver, CandidateLookupResolver, IdentityResolver, OnlineRealNameResolver, ProfileResolver, AdminResolver],
    container: services ? createResolverContainer(services) : schemaOnlyContainer,
    validate: false,
    emitSchemaFile: false,
    // Who may call what: @Public / @Allow on every query and mutation (graphql/access.ts).
    authChecker: accessAuthChecker,
    authMode: 'error',
  });
  denyUndeclaredRootFields(schema);
  return schema;
}

/** The committed `schema.graphql` text: sorted, so it changes only when the API does. */
export async function printGatewaySchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildGatewaySchema())) + '\n';
}

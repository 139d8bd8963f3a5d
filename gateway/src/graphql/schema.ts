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
import { SmsCodeService } from '../modules/account/sms-code.service';
import { SimulatedSmsProvider, type SmsProvider } from '../modules/account/sms-provider';
import { VerificationResolver } from '../modules/account/verification.resolver';
import { ExamResolver } from '../modules/exam/exam.resolver';
import { ExamService } from '../modules/exam/exam.service';
import { PaymentResolver } from '../modules/payment/payment.resolver';
import { PaymentService } from '../modules/payment/payment.service';
import type { Clock } from './context';
import { SystemResolver } from './system.resolver';

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
  const sessions = new SessionService(config.session);
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
  return {
    exam: new ExamService(),
    payment: new PaymentService(),
    accounts,
    sessions,
    smsCodes,
    captchas,
  };
}

export type Services = ReturnType<typeof createServices>;

function createResolverContainer(services: Services): ContainerType {
  const resolvers = new Map<Function, object>([
    [ExamResolver, new ExamResolver(services.exam)],
    [PaymentResolver, new PaymentResolver(services.payment)],
    [AccountResolver, new AccountResolver(services.accounts)],
    [VerificationResolver, new VerificationResolver(services.smsCodes, services.captchas)],
    [SystemResolver, new SystemResolver()],
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
  return buildSchema({
    resolvers: [ExamResolver, PaymentResolver, AccountResolver, VerificationResolver, SystemResolver],
    container: services ? createResolverContainer(services) : schemaOnlyContainer,
    validate: false,
    emitSchemaFile: false,
  });
}

/** The committed `schema.graphql` text: sorted, so it changes only when the API does. */
export async function printGatewaySchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildGatewaySchema())) + '\n';
}

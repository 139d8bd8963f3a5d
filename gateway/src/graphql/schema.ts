import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType } from 'type-graphql';
import { AccountResolver } from '../modules/account/account.resolver';
import { ExamResolver } from '../modules/exam/exam.resolver';
import { ExamService } from '../modules/exam/exam.service';
import { PaymentResolver } from '../modules/payment/payment.resolver';
import { PaymentService } from '../modules/payment/payment.service';
import { SystemResolver } from './system.resolver';

/** Services are stateless singletons; resolvers get them by constructor, wired here by hand. */
export function createServices() {
  return {
    exam: new ExamService(),
    payment: new PaymentService(),
  };
}

export type Services = ReturnType<typeof createServices>;

function createResolverContainer(services: Services): ContainerType {
  const resolvers = new Map<Function, object>([
    [ExamResolver, new ExamResolver(services.exam)],
    [PaymentResolver, new PaymentResolver(services.payment)],
    [AccountResolver, new AccountResolver()],
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

export async function buildGatewaySchema(services: Services = createServices()): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [ExamResolver, PaymentResolver, AccountResolver, SystemResolver],
    container: createResolverContainer(services),
    validate: false,
    emitSchemaFile: false,
  });
}

/** The committed `schema.graphql` text: sorted, so it changes only when the API does. */
export async function printGatewaySchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildGatewaySchema())) + '\n';
}

import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from './context';

@Resolver()
export class SystemResolver {
  @Query(() => Date, { description: "The server's clock: windows open and close by it, not by the browser's" })
  serverTime(@Ctx() ctx: RequestContext): Date {
    return ctx.clock.now();
  }
}

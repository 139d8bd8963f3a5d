import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from './context';
import { Public } from './access';

@Resolver()
export class SystemResolver {
  @Public('the clock windows are judged by')
  @Query(() => Date, { description: "The server's clock: windows open and close by it, not by the browser's" })
  serverTime(@Ctx() ctx: RequestContext): Date {
    return ctx.clock.now();
  }
}

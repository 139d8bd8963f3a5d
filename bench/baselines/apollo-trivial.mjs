// Baseline: a bare @apollo/server (its own standalone HTTP server) answering `{ __typename }`.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

const server = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
const { url } = await startStandaloneServer(server, { listen: { port: Number(process.argv[2] ?? 0), host: '127.0.0.1' } });
process.stdout.write(`listening ${url}\n`);
process.on('SIGTERM', () => server.stop().then(() => process.exit(0)));

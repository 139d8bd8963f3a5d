import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { AppError, CLIENT_FAULT_CODES, ErrorCode, internalErrorMessage } from '../common/errors';
import type { RequestContext } from './context';

export function isClientFault(code: unknown): boolean {
  return typeof code === 'string' && CLIENT_FAULT_CODES.has(code);
}

/** Unexpected faults reach the caller as a bare INTERNAL_SERVER_ERROR with the request id; details go to the log. */
export function maskInternalError(formatted: GraphQLFormattedError, requestId?: string): GraphQLFormattedError {
  if (isClientFault(formatted.extensions?.code)) {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return {
    message: internalErrorMessage,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}

export const errorLoggingPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors, operationName }) {
        for (const error of errors) {
          const code = error.extensions?.code;
          if (isClientFault(code)) continue;
          contextValue.logger.error(
            { err: error.originalError ?? error, operationName, path: error.path, requestId: contextValue.requestId },
            'unexpected error in GraphQL request',
          );
        }
      },
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
        response.body.singleResult.errors = response.body.singleResult.errors.map((e) =>
          maskInternalError(e, contextValue.requestId),
        );
      },
    };
  },
};

/** Apollo hands out the same validated DocumentNode for the same query text (its document store). */
const introspectionVerdicts = new WeakMap<DocumentNode, boolean>();

export function selectsIntrospection(document: DocumentNode): boolean {
  const known = introspectionVerdicts.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  introspectionVerdicts.set(document, found);
  return found;
}

/**
 * Apollo's introspection switch is all-or-nothing; the schema is for ops only (the committed
 * schema.graphql serves the front-end teams), so every other caller is refused here.
 */
export function introspectionGuardPlugin(mayIntrospect: (ctx: RequestContext) => boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (selectsIntrospection(document) && !mayIntrospect(contextValue)) {
            throw new AppError(ErrorCode.FORBIDDEN, '不允许查询接口结构');
          }
        },
      };
    },
  };
}

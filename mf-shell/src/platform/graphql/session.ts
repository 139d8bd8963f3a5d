import { graphql } from './generated';

/** The signed-in candidate (null when signed out). */
export const MeQuery = graphql(`
  query Me {
    me {
      id
      maskedName
    }
  }
`);

/** Ends this browser's server session (the HttpOnly cookie is revoked server-side). */
export const LogoutMutation = graphql(`
  mutation PlatformLogout {
    logout
  }
`);

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

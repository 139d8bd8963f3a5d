import { graphql } from './generated';

/** 证件类型 options of the 注册 page. */
export const DocumentTypesQuery = graphql(`
  query DocumentTypes {
    documentTypes {
      value
      label
    }
  }
`);

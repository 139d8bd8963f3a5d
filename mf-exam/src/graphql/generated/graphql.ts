/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** 初级 / 中级 / 高级 */
export type ExamLevel =
  | 'INTERMEDIATE'
  | 'JUNIOR'
  | 'SENIOR';

export type ExamsQueryVariables = Exact<{ [key: string]: never; }>;


export type ExamsQuery = { exams: Array<{ id: string, name: string, year: number, level: ExamLevel, levelLabel: string }> };

export type ExamUnitsQueryVariables = Exact<{
  id: string | number;
}>;


export type ExamUnitsQuery = { exam: { id: string, name: string, levelLabel: string, units: Array<{ id: string, registrationStartsAt: string, registrationEndsAt: string, paymentStartsAt: string, paymentEndsAt: string, registrationOpen: boolean, consultPhones: Array<string>, noticeUrl: string, unit: { id: string, code: string, name: string } }> } | null };


export const ExamsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Exams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"levelLabel"}}]}}]}}]} as unknown as DocumentNode<ExamsQuery, ExamsQueryVariables>;
export const ExamUnitsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExamUnits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exam"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"levelLabel"}},{"kind":"Field","name":{"kind":"Name","value":"units"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"registrationStartsAt"}},{"kind":"Field","name":{"kind":"Name","value":"registrationEndsAt"}},{"kind":"Field","name":{"kind":"Name","value":"paymentStartsAt"}},{"kind":"Field","name":{"kind":"Name","value":"paymentEndsAt"}},{"kind":"Field","name":{"kind":"Name","value":"registrationOpen"}},{"kind":"Field","name":{"kind":"Name","value":"consultPhones"}},{"kind":"Field","name":{"kind":"Name","value":"noticeUrl"}}]}}]}}]}}]} as unknown as DocumentNode<ExamUnitsQuery, ExamUnitsQueryVariables>;
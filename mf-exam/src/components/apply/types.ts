import type { ApplicationFieldsFragment, ExamUnitDetailQuery } from '../../graphql/generated/graphql';

export type Application = ApplicationFieldsFragment;
export type UnitDetail = NonNullable<ExamUnitDetailQuery['examUnitDetail']>;

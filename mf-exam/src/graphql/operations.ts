import { graphql } from './generated';

/** 选择考试: every exam with its level label. */
export const ExamsQuery = graphql(`
  query Exams {
    exams {
      id
      name
      year
      level
      levelLabel
    }
  }
`);

/** 省份选择: one exam's registration units with their windows and contacts. */
export const ExamUnitsQuery = graphql(`
  query ExamUnits($id: ID!) {
    exam(id: $id) {
      id
      name
      levelLabel
      units {
        id
        unit {
          id
          code
          name
        }
        registrationStartsAt
        registrationEndsAt
        paymentStartsAt
        paymentEndsAt
        registrationOpen
        consultPhones
        noticeUrl
      }
    }
  }
`);

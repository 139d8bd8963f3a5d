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

/** Everything 报名导览 shows about the candidate's application (every mutation result carries it, so the cache stays current). */
export const ApplicationFieldsFragment = graphql(`
  fragment ApplicationFields on ExamApplication {
    id
    status
    statusLabel
    currentStep
    level
    examUnitId
    conditionRoute
    subjectCodes
    reviewReason
    submittedAt
    reviewedAt
    feeFen
    registrationOpen
    acceptingOffice
    reviewHint
    exam {
      id
      name
      levelLabel
    }
    unit {
      id
      code
      name
    }
    condition {
      id
      label
    }
    city {
      id
      name
    }
    point {
      id
      name
      address
      phone
    }
    subjects {
      code
      name
    }
    photo {
      id
      url
      width
      height
      sizeBytes
    }
    materials {
      id
      materialCode
      url
      contentType
      sizeBytes
      createdAt
    }
    steps {
      step
      label
      reached
      current
    }
    personalInfo {
      basic {
        gender
        ethnicity
        politicalStatus
        email
        mailingAddress
        postalCode
      }
      educations {
        level
        school
        major
        graduationDate
        certificateNumber
      }
      degrees {
        degree
        school
        major
        obtainedDate
        certificateNumber
      }
      work {
        employer
        employerNature
        position
        accountantTitleSince
        records {
          employer
          start
          end
          isAccounting
          partTimeWhileStudying
        }
        otherQualifications {
          field
          obtainedDate
          certificateNumber
        }
      }
    }
  }
`);

/** The typed outcome every candidate mutation of 报名 answers with. */
export const ApplicationResultFieldsFragment = graphql(`
  fragment ApplicationResultFields on ApplicationResult {
    ok
    errorCode
    message
    field
    unmet {
      code
      message
    }
    application {
      ...ApplicationFields
    }
  }
`);

/** The signed-in candidate's live application for an exam (null: none yet, or withdrawn). */
export const MyApplicationQuery = graphql(`
  query MyApplication($examId: ID!) {
    myApplication(examId: $examId) {
      ...ApplicationFields
    }
  }
`);

/** What the unit publishes for 报名导览: 阅读须知, 通知公告, 报考地市/报名点, 科目, 报考条件, 证明材料. */
export const ExamUnitDetailQuery = graphql(`
  query ExamUnitDetail($examUnitId: ID!) {
    examUnitDetail(examUnitId: $examUnitId) {
      id
      level
      agreementText
      acceptingOffice
      reviewHint
      exam {
        id
        name
        levelLabel
      }
      examUnit {
        id
        unit {
          id
          name
        }
      }
      notices {
        id
        kind
        title
        body
        publisher
        publishedAt
      }
      cities {
        id
        name
        points {
          id
          name
          address
          phone
          capacity
          remaining
          full
        }
      }
      materials {
        code
        name
        description
        required
      }
      subjects {
        code
        name
        rolledOverPassYear
      }
      eligibilityRoutes {
        id
        label
      }
    }
  }
`);

export const StartApplicationMutation = graphql(`
  mutation StartApplication($examUnitId: ID!) {
    startApplication(examUnitId: $examUnitId) {
      ...ApplicationResultFields
    }
  }
`);

export const AcceptAgreementMutation = graphql(`
  mutation AcceptAgreement($applicationId: ID!, $agreed: Boolean!) {
    acceptAgreement(applicationId: $applicationId, agreed: $agreed) {
      ...ApplicationResultFields
    }
  }
`);

export const AcknowledgeNoticesMutation = graphql(`
  mutation AcknowledgeNotices($applicationId: ID!) {
    acknowledgeNotices(applicationId: $applicationId) {
      ...ApplicationResultFields
    }
  }
`);

export const ChooseConditionsMutation = graphql(`
  mutation ChooseConditions($applicationId: ID!, $route: String!) {
    chooseConditions(applicationId: $applicationId, route: $route) {
      ...ApplicationResultFields
    }
  }
`);

export const SaveApplicationDetailsMutation = graphql(`
  mutation SaveApplicationDetails($applicationId: ID!, $input: ApplicationDetailsInput!) {
    saveApplicationDetails(applicationId: $applicationId, input: $input) {
      ...ApplicationResultFields
    }
  }
`);

export const ConfirmDetailsMutation = graphql(`
  mutation ConfirmDetails($applicationId: ID!) {
    confirmDetails(applicationId: $applicationId) {
      ...ApplicationResultFields
    }
  }
`);

export const RequestUploadTokenMutation = graphql(`
  mutation RequestUploadToken($input: UploadTokenInput!) {
    requestUploadToken(input: $input) {
      ok
      errorCode
      message
      field
      token
      uploadUrl
      maxBytes
    }
  }
`);

export const DeleteApplicationUploadMutation = graphql(`
  mutation DeleteApplicationUpload($uploadId: ID!) {
    deleteApplicationUpload(uploadId: $uploadId) {
      ...ApplicationResultFields
    }
  }
`);

export const ConfirmMaterialsMutation = graphql(`
  mutation ConfirmMaterials($applicationId: ID!) {
    confirmMaterials(applicationId: $applicationId) {
      ...ApplicationResultFields
    }
  }
`);

export const SubmitApplicationMutation = graphql(`
  mutation SubmitApplication($applicationId: ID!) {
    submitApplication(applicationId: $applicationId) {
      ...ApplicationResultFields
    }
  }
`);

export const WithdrawApplicationMutation = graphql(`
  mutation WithdrawApplication($applicationId: ID!) {
    withdrawApplication(applicationId: $applicationId) {
      ...ApplicationResultFields
    }
  }
`);

/** 信息采集 (mf-account): prefills 个人信息 of 报名信息填写 while the application has none saved. */
export const ProfilePrefillQuery = graphql(`
  query ProfilePrefill {
    myProfile {
      saved
      personalInfo {
        basic {
          gender
          ethnicity
          politicalStatus
          email
          mailingAddress
          postalCode
        }
        educations {
          level
          school
          major
          graduationDate
          certificateNumber
        }
        degrees {
          degree
          school
          major
          obtainedDate
          certificateNumber
        }
        work {
          employer
          employerNature
          position
          accountantTitleSince
          records {
            employer
            start
            end
            isAccounting
            partTimeWhileStudying
          }
          otherQualifications {
            field
            obtainedDate
            certificateNumber
          }
        }
      }
    }
  }
`);

/** 选择考试 → 进入: whether the signed-in candidate already has an application for this exam, and its state. */
export const ExamApplicationStatusQuery = graphql(`
  query ExamApplicationStatus($examId: ID!) {
    myApplication(examId: $examId) {
      id
      status
    }
  }
`);

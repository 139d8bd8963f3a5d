/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Exams {\n    exams {\n      id\n      name\n      year\n      level\n      levelLabel\n    }\n  }\n": typeof types.ExamsDocument,
    "\n  query ExamUnits($id: ID!) {\n    exam(id: $id) {\n      id\n      name\n      levelLabel\n      units {\n        id\n        unit {\n          id\n          code\n          name\n        }\n        registrationStartsAt\n        registrationEndsAt\n        paymentStartsAt\n        paymentEndsAt\n        registrationOpen\n        consultPhones\n        noticeUrl\n      }\n    }\n  }\n": typeof types.ExamUnitsDocument,
    "\n  fragment ApplicationFields on ExamApplication {\n    id\n    status\n    statusLabel\n    currentStep\n    level\n    examUnitId\n    conditionRoute\n    subjectCodes\n    reviewReason\n    submittedAt\n    reviewedAt\n    feeFen\n    registrationOpen\n    acceptingOffice\n    reviewHint\n    exam {\n      id\n      name\n      levelLabel\n    }\n    unit {\n      id\n      code\n      name\n    }\n    condition {\n      id\n      label\n    }\n    city {\n      id\n      name\n    }\n    point {\n      id\n      name\n      address\n      phone\n    }\n    subjects {\n      code\n      name\n    }\n    photo {\n      id\n      url\n      width\n      height\n      sizeBytes\n    }\n    materials {\n      id\n      materialCode\n      url\n      contentType\n      sizeBytes\n      createdAt\n    }\n    steps {\n      step\n      label\n      reached\n      current\n    }\n    personalInfo {\n      basic {\n        gender\n        ethnicity\n        politicalStatus\n        email\n        mailingAddress\n        postalCode\n      }\n      educations {\n        level\n        school\n        major\n        graduationDate\n        certificateNumber\n      }\n      degrees {\n        degree\n        school\n        major\n        obtainedDate\n        certificateNumber\n      }\n      work {\n        employer\n        employerNature\n        position\n        accountantTitleSince\n        records {\n          employer\n          start\n          end\n          isAccounting\n          partTimeWhileStudying\n        }\n        otherQualifications {\n          field\n          obtainedDate\n          certificateNumber\n        }\n      }\n    }\n  }\n": typeof types.ApplicationFieldsFragmentDoc,
    "\n  fragment ApplicationResultFields on ApplicationResult {\n    ok\n    errorCode\n    message\n    field\n    unmet {\n      code\n      message\n    }\n    application {\n      ...ApplicationFields\n    }\n  }\n": typeof types.ApplicationResultFieldsFragmentDoc,
    "\n  query MyApplication($examId: ID!) {\n    myApplication(examId: $examId) {\n      ...ApplicationFields\n    }\n  }\n": typeof types.MyApplicationDocument,
    "\n  query ExamUnitDetail($examUnitId: ID!) {\n    examUnitDetail(examUnitId: $examUnitId) {\n      id\n      level\n      agreementText\n      acceptingOffice\n      reviewHint\n      exam {\n        id\n        name\n        levelLabel\n      }\n      examUnit {\n        id\n        unit {\n          id\n          name\n        }\n      }\n      notices {\n        id\n        kind\n        title\n        body\n        publisher\n        publishedAt\n      }\n      cities {\n        id\n        name\n        points {\n          id\n          name\n          address\n          phone\n          capacity\n          remaining\n          full\n        }\n      }\n      materials {\n        code\n        name\n        description\n        required\n      }\n      subjects {\n        code\n        name\n        rolledOverPassYear\n      }\n      eligibilityRoutes {\n        id\n        label\n      }\n    }\n  }\n": typeof types.ExamUnitDetailDocument,
    "\n  mutation StartApplication($examUnitId: ID!) {\n    startApplication(examUnitId: $examUnitId) {\n      ...ApplicationResultFields\n    }\n  }\n": typeof types.StartApplicationDocument,
    "\n  mutation AcceptAgreement($applicationId: ID!, $agreed: Boolean!) {\n    acceptAgreement(applicationId: $applicationId, agreed: $agreed) {\n      ...ApplicationResultFields\n    }\n  }\n": typeof types.AcceptAgreementDocument,
    "\n  mutation AcknowledgeNotices($applicationId: ID!) {\n    acknowledgeNotices(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n": typeof types.AcknowledgeNoticesDocument,
    "\n  mutation ChooseConditions($applicationId: ID!, $route: String!) {\n    chooseConditions(applicationId: $applicationId, route: $route) {\n      ...ApplicationResultFields\n    }\n  }\n": typeof types.ChooseConditionsDocument,
    "\n  mutation SaveApplicationDetails($applicationId: ID!, $input: ApplicationDetailsInput!) {\n    saveApplicationDetails(applicationId: $applicationId, input: $input) {\n      ...ApplicationResultFields\n    }\n  }\n": typeof types.SaveApplicationDetailsDocument,
    "\n  mutation ConfirmDetails($applicationId: ID!) {\n    confirmDetails(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n": typeof types.ConfirmDetailsDocument,
    "\n  mutation RequestUploadToken($input: UploadTokenInput!) {\n    requestUploadToken(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      token\n      uploadUrl\n      maxBytes\n    }\n  }\n": typeof types.RequestUploadTokenDocument,
    "\n  mutation DeleteApplicationUpload($uploadId: ID!) {\n    deleteApplicationUpload(uploadId: $uploadId) {\n      ...ApplicationResultFields\n    }\n  }\n": typeof types.DeleteApplicationUploadDocument,
    "\n  mutation ConfirmMaterials($applicationId: ID!) {\n    confirmMaterials(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n": typeof types.ConfirmMaterialsDocument,
    "\n  mutation SubmitApplication($applicationId: ID!) {\n    submitApplication(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n": typeof types.SubmitApplicationDocument,
    "\n  mutation WithdrawApplication($applicationId: ID!) {\n    withdrawApplication(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n": typeof types.WithdrawApplicationDocument,
};
const documents: Documents = {
    "\n  query Exams {\n    exams {\n      id\n      name\n      year\n      level\n      levelLabel\n    }\n  }\n": types.ExamsDocument,
    "\n  query ExamUnits($id: ID!) {\n    exam(id: $id) {\n      id\n      name\n      levelLabel\n      units {\n        id\n        unit {\n          id\n          code\n          name\n        }\n        registrationStartsAt\n        registrationEndsAt\n        paymentStartsAt\n        paymentEndsAt\n        registrationOpen\n        consultPhones\n        noticeUrl\n      }\n    }\n  }\n": types.ExamUnitsDocument,
    "\n  fragment ApplicationFields on ExamApplication {\n    id\n    status\n    statusLabel\n    currentStep\n    level\n    examUnitId\n    conditionRoute\n    subjectCodes\n    reviewReason\n    submittedAt\n    reviewedAt\n    feeFen\n    registrationOpen\n    acceptingOffice\n    reviewHint\n    exam {\n      id\n      name\n      levelLabel\n    }\n    unit {\n      id\n      code\n      name\n    }\n    condition {\n      id\n      label\n    }\n    city {\n      id\n      name\n    }\n    point {\n      id\n      name\n      address\n      phone\n    }\n    subjects {\n      code\n      name\n    }\n    photo {\n      id\n      url\n      width\n      height\n      sizeBytes\n    }\n    materials {\n      id\n      materialCode\n      url\n      contentType\n      sizeBytes\n      createdAt\n    }\n    steps {\n      step\n      label\n      reached\n      current\n    }\n    personalInfo {\n      basic {\n        gender\n        ethnicity\n        politicalStatus\n        email\n        mailingAddress\n        postalCode\n      }\n      educations {\n        level\n        school\n        major\n        graduationDate\n        certificateNumber\n      }\n      degrees {\n        degree\n        school\n        major\n        obtainedDate\n        certificateNumber\n      }\n      work {\n        employer\n        employerNature\n        position\n        accountantTitleSince\n        records {\n          employer\n          start\n          end\n          isAccounting\n          partTimeWhileStudying\n        }\n        otherQualifications {\n          field\n          obtainedDate\n          certificateNumber\n        }\n      }\n    }\n  }\n": types.ApplicationFieldsFragmentDoc,
    "\n  fragment ApplicationResultFields on ApplicationResult {\n    ok\n    errorCode\n    message\n    field\n    unmet {\n      code\n      message\n    }\n    application {\n      ...ApplicationFields\n    }\n  }\n": types.ApplicationResultFieldsFragmentDoc,
    "\n  query MyApplication($examId: ID!) {\n    myApplication(examId: $examId) {\n      ...ApplicationFields\n    }\n  }\n": types.MyApplicationDocument,
    "\n  query ExamUnitDetail($examUnitId: ID!) {\n    examUnitDetail(examUnitId: $examUnitId) {\n      id\n      level\n      agreementText\n      acceptingOffice\n      reviewHint\n      exam {\n        id\n        name\n        levelLabel\n      }\n      examUnit {\n        id\n        unit {\n          id\n          name\n        }\n      }\n      notices {\n        id\n        kind\n        title\n        body\n        publisher\n        publishedAt\n      }\n      cities {\n        id\n        name\n        points {\n          id\n          name\n          address\n          phone\n          capacity\n          remaining\n          full\n        }\n      }\n      materials {\n        code\n        name\n        description\n        required\n      }\n      subjects {\n        code\n        name\n        rolledOverPassYear\n      }\n      eligibilityRoutes {\n        id\n        label\n      }\n    }\n  }\n": types.ExamUnitDetailDocument,
    "\n  mutation StartApplication($examUnitId: ID!) {\n    startApplication(examUnitId: $examUnitId) {\n      ...ApplicationResultFields\n    }\n  }\n": types.StartApplicationDocument,
    "\n  mutation AcceptAgreement($applicationId: ID!, $agreed: Boolean!) {\n    acceptAgreement(applicationId: $applicationId, agreed: $agreed) {\n      ...ApplicationResultFields\n    }\n  }\n": types.AcceptAgreementDocument,
    "\n  mutation AcknowledgeNotices($applicationId: ID!) {\n    acknowledgeNotices(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n": types.AcknowledgeNoticesDocument,
    "\n  mutation ChooseConditions($applicationId: ID!, $route: String!) {\n    chooseConditions(applicationId: $applicationId, route: $route) {\n      ...ApplicationResultFields\n    }\n  }\n": types.ChooseConditionsDocument,
    "\n  mutation SaveApplicationDetails($applicationId: ID!, $input: ApplicationDetailsInput!) {\n    saveApplicationDetails(applicationId: $applicationId, input: $input) {\n      ...ApplicationResultFields\n    }\n  }\n": types.SaveApplicationDetailsDocument,
    "\n  mutation ConfirmDetails($applicationId: ID!) {\n    confirmDetails(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n": types.ConfirmDetailsDocument,
    "\n  mutation RequestUploadToken($input: UploadTokenInput!) {\n    requestUploadToken(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      token\n      uploadUrl\n      maxBytes\n    }\n  }\n": types.RequestUploadTokenDocument,
    "\n  mutation DeleteApplicationUpload($uploadId: ID!) {\n    deleteApplicationUpload(uploadId: $uploadId) {\n      ...ApplicationResultFields\n    }\n  }\n": types.DeleteApplicationUploadDocument,
    "\n  mutation ConfirmMaterials($applicationId: ID!) {\n    confirmMaterials(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n": types.ConfirmMaterialsDocument,
    "\n  mutation SubmitApplication($applicationId: ID!) {\n    submitApplication(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n": types.SubmitApplicationDocument,
    "\n  mutation WithdrawApplication($applicationId: ID!) {\n    withdrawApplication(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n": types.WithdrawApplicationDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Exams {\n    exams {\n      id\n      name\n      year\n      level\n      levelLabel\n    }\n  }\n"): (typeof documents)["\n  query Exams {\n    exams {\n      id\n      name\n      year\n      level\n      levelLabel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExamUnits($id: ID!) {\n    exam(id: $id) {\n      id\n      name\n      levelLabel\n      units {\n        id\n        unit {\n          id\n          code\n          name\n        }\n        registrationStartsAt\n        registrationEndsAt\n        paymentStartsAt\n        paymentEndsAt\n        registrationOpen\n        consultPhones\n        noticeUrl\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExamUnits($id: ID!) {\n    exam(id: $id) {\n      id\n      name\n      levelLabel\n      units {\n        id\n        unit {\n          id\n          code\n          name\n        }\n        registrationStartsAt\n        registrationEndsAt\n        paymentStartsAt\n        paymentEndsAt\n        registrationOpen\n        consultPhones\n        noticeUrl\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApplicationFields on ExamApplication {\n    id\n    status\n    statusLabel\n    currentStep\n    level\n    examUnitId\n    conditionRoute\n    subjectCodes\n    reviewReason\n    submittedAt\n    reviewedAt\n    feeFen\n    registrationOpen\n    acceptingOffice\n    reviewHint\n    exam {\n      id\n      name\n      levelLabel\n    }\n    unit {\n      id\n      code\n      name\n    }\n    condition {\n      id\n      label\n    }\n    city {\n      id\n      name\n    }\n    point {\n      id\n      name\n      address\n      phone\n    }\n    subjects {\n      code\n      name\n    }\n    photo {\n      id\n      url\n      width\n      height\n      sizeBytes\n    }\n    materials {\n      id\n      materialCode\n      url\n      contentType\n      sizeBytes\n      createdAt\n    }\n    steps {\n      step\n      label\n      reached\n      current\n    }\n    personalInfo {\n      basic {\n        gender\n        ethnicity\n        politicalStatus\n        email\n        mailingAddress\n        postalCode\n      }\n      educations {\n        level\n        school\n        major\n        graduationDate\n        certificateNumber\n      }\n      degrees {\n        degree\n        school\n        major\n        obtainedDate\n        certificateNumber\n      }\n      work {\n        employer\n        employerNature\n        position\n        accountantTitleSince\n        records {\n          employer\n          start\n          end\n          isAccounting\n          partTimeWhileStudying\n        }\n        otherQualifications {\n          field\n          obtainedDate\n          certificateNumber\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ApplicationFields on ExamApplication {\n    id\n    status\n    statusLabel\n    currentStep\n    level\n    examUnitId\n    conditionRoute\n    subjectCodes\n    reviewReason\n    submittedAt\n    reviewedAt\n    feeFen\n    registrationOpen\n    acceptingOffice\n    reviewHint\n    exam {\n      id\n      name\n      levelLabel\n    }\n    unit {\n      id\n      code\n      name\n    }\n    condition {\n      id\n      label\n    }\n    city {\n      id\n      name\n    }\n    point {\n      id\n      name\n      address\n      phone\n    }\n    subjects {\n      code\n      name\n    }\n    photo {\n      id\n      url\n      width\n      height\n      sizeBytes\n    }\n    materials {\n      id\n      materialCode\n      url\n      contentType\n      sizeBytes\n      createdAt\n    }\n    steps {\n      step\n      label\n      reached\n      current\n    }\n    personalInfo {\n      basic {\n        gender\n        ethnicity\n        politicalStatus\n        email\n        mailingAddress\n        postalCode\n      }\n      educations {\n        level\n        school\n        major\n        graduationDate\n        certificateNumber\n      }\n      degrees {\n        degree\n        school\n        major\n        obtainedDate\n        certificateNumber\n      }\n      work {\n        employer\n        employerNature\n        position\n        accountantTitleSince\n        records {\n          employer\n          start\n          end\n          isAccounting\n          partTimeWhileStudying\n        }\n        otherQualifications {\n          field\n          obtainedDate\n          certificateNumber\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApplicationResultFields on ApplicationResult {\n    ok\n    errorCode\n    message\n    field\n    unmet {\n      code\n      message\n    }\n    application {\n      ...ApplicationFields\n    }\n  }\n"): (typeof documents)["\n  fragment ApplicationResultFields on ApplicationResult {\n    ok\n    errorCode\n    message\n    field\n    unmet {\n      code\n      message\n    }\n    application {\n      ...ApplicationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyApplication($examId: ID!) {\n    myApplication(examId: $examId) {\n      ...ApplicationFields\n    }\n  }\n"): (typeof documents)["\n  query MyApplication($examId: ID!) {\n    myApplication(examId: $examId) {\n      ...ApplicationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExamUnitDetail($examUnitId: ID!) {\n    examUnitDetail(examUnitId: $examUnitId) {\n      id\n      level\n      agreementText\n      acceptingOffice\n      reviewHint\n      exam {\n        id\n        name\n        levelLabel\n      }\n      examUnit {\n        id\n        unit {\n          id\n          name\n        }\n      }\n      notices {\n        id\n        kind\n        title\n        body\n        publisher\n        publishedAt\n      }\n      cities {\n        id\n        name\n        points {\n          id\n          name\n          address\n          phone\n          capacity\n          remaining\n          full\n        }\n      }\n      materials {\n        code\n        name\n        description\n        required\n      }\n      subjects {\n        code\n        name\n        rolledOverPassYear\n      }\n      eligibilityRoutes {\n        id\n        label\n      }\n    }\n  }\n"): (typeof documents)["\n  query ExamUnitDetail($examUnitId: ID!) {\n    examUnitDetail(examUnitId: $examUnitId) {\n      id\n      level\n      agreementText\n      acceptingOffice\n      reviewHint\n      exam {\n        id\n        name\n        levelLabel\n      }\n      examUnit {\n        id\n        unit {\n          id\n          name\n        }\n      }\n      notices {\n        id\n        kind\n        title\n        body\n        publisher\n        publishedAt\n      }\n      cities {\n        id\n        name\n        points {\n          id\n          name\n          address\n          phone\n          capacity\n          remaining\n          full\n        }\n      }\n      materials {\n        code\n        name\n        description\n        required\n      }\n      subjects {\n        code\n        name\n        rolledOverPassYear\n      }\n      eligibilityRoutes {\n        id\n        label\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartApplication($examUnitId: ID!) {\n    startApplication(examUnitId: $examUnitId) {\n      ...ApplicationResultFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartApplication($examUnitId: ID!) {\n    startApplication(examUnitId: $examUnitId) {\n      ...ApplicationResultFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptAgreement($applicationId: ID!, $agreed: Boolean!) {\n    acceptAgreement(applicationId: $applicationId, agreed: $agreed) {\n      ...ApplicationResultFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptAgreement($applicationId: ID!, $agreed: Boolean!) {\n    acceptAgreement(applicationId: $applicationId, agreed: $agreed) {\n      ...ApplicationResultFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeNotices($applicationId: ID!) {\n    acknowledgeNotices(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcknowledgeNotices($applicationId: ID!) {\n    acknowledgeNotices(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChooseConditions($applicationId: ID!, $route: String!) {\n    chooseConditions(applicationId: $applicationId, route: $route) {\n      ...ApplicationResultFields\n    }\n  }\n"): (typeof documents)["\n  mutation ChooseConditions($applicationId: ID!, $route: String!) {\n    chooseConditions(applicationId: $applicationId, route: $route) {\n      ...ApplicationResultFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveApplicationDetails($applicationId: ID!, $input: ApplicationDetailsInput!) {\n    saveApplicationDetails(applicationId: $applicationId, input: $input) {\n      ...ApplicationResultFields\n    }\n  }\n"): (typeof documents)["\n  mutation SaveApplicationDetails($applicationId: ID!, $input: ApplicationDetailsInput!) {\n    saveApplicationDetails(applicationId: $applicationId, input: $input) {\n      ...ApplicationResultFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmDetails($applicationId: ID!) {\n    confirmDetails(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmDetails($applicationId: ID!) {\n    confirmDetails(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestUploadToken($input: UploadTokenInput!) {\n    requestUploadToken(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      token\n      uploadUrl\n      maxBytes\n    }\n  }\n"): (typeof documents)["\n  mutation RequestUploadToken($input: UploadTokenInput!) {\n    requestUploadToken(input: $input) {\n      ok\n      errorCode\n      message\n      field\n      token\n      uploadUrl\n      maxBytes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteApplicationUpload($uploadId: ID!) {\n    deleteApplicationUpload(uploadId: $uploadId) {\n      ...ApplicationResultFields\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteApplicationUpload($uploadId: ID!) {\n    deleteApplicationUpload(uploadId: $uploadId) {\n      ...ApplicationResultFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmMaterials($applicationId: ID!) {\n    confirmMaterials(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmMaterials($applicationId: ID!) {\n    confirmMaterials(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitApplication($applicationId: ID!) {\n    submitApplication(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitApplication($applicationId: ID!) {\n    submitApplication(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawApplication($applicationId: ID!) {\n    withdrawApplication(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawApplication($applicationId: ID!) {\n    withdrawApplication(applicationId: $applicationId) {\n      ...ApplicationResultFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
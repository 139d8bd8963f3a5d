/** A `myProfile` answer as the gateway gives it to a candidate who has saved nothing yet (not verified). */
export function unsavedProfile(overrides: Record<string, unknown> = {}) {
  return {
    realNameVerified: false,
    saved: false,
    documentGender: 'FEMALE',
    birthDate: '1990-03-07',
    managementUnitCode: null,
    updatedAt: null,
    personalInfo: {
      basic: { gender: 'FEMALE', ethnicity: null, politicalStatus: null, email: null, mailingAddress: null, postalCode: null },
      educations: [],
      degrees: [],
      work: { employer: null, employerNature: null, position: null, accountantTitleSince: null, records: [], otherQualifications: [] },
    },
    ...overrides,
  };
}

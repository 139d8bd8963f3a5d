import { reactive } from 'vue';
import { messageOf, showError } from '@ccap/platform';

/** What every typed account result carries when `ok` is false. */
export interface TypedFailure {
  errorCode: string | null;
  message: string;
  field: string | null;
}

/**
 * Server errors of one form. A typed result that names one of the form's `fields` is shown beside
 * that field (ElFormItem `error`); anything else goes to the platform's one error display. The
 * text always comes from the platform's `messageOf`, so no raw technical message reaches the page.
 */
export function useFieldErrors<F extends string>(fields: readonly F[]) {
  const errors = reactive(Object.fromEntries(fields.map((f) => [f, '']))) as Record<F, string>;
  const isField = (name: string | null): name is F => name !== null && (fields as readonly string[]).includes(name);

  /** Shows a failed result; returns the field it was shown at, if any. */
  function show(result: TypedFailure): F | undefined {
    const failure = { errorCode: result.errorCode ?? 'UNKNOWN', message: result.message };
    if (isField(result.field)) {
      errors[result.field] = messageOf(failure);
      return result.field;
    }
    showError(failure);
    return undefined;
  }

  function clear(field?: F) {
    for (const f of field ? [field] : fields) errors[f] = '';
  }

  return { errors, show, clear };
}

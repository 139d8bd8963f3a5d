import { ref } from 'vue';
import { defineStore } from 'pinia';
import { showError } from '@ccap/platform';
import type { ApplicationFieldsFragment, ApplicationResultFieldsFragment, ApplicationStep } from '../graphql/generated/graphql';
import { canOpenStep, landingStep, stepAfterAction } from '../utils/applicationSteps';

export interface UnmetCondition {
  code: string;
  message: string;
}

/**
 * 报名导览 in the browser: which step is shown and the problems the last action left, keyed by the
 * server's `field`. The application itself lives in the Apollo cache (every result carries it).
 */
export const useApplicationFlowStore = defineStore('mf-exam/application-flow', () => {
  const viewingStep = ref<ApplicationStep | null>(null);
  const fieldErrors = ref<Record<string, string>>({});
  const unmet = ref<UnmetCondition[]>([]);
  /** The failure shown above the step's buttons (e.g. 报名点名额已满 on 提交), besides the toast. */
  const stepError = ref<string | null>(null);

  function clearProblems() {
    fieldErrors.value = {};
    unmet.value = [];
    stepError.value = null;
  }

  /** Shows where a (returning) candidate stands. */
  function land(app: ApplicationFieldsFragment) {
    viewingStep.value = landingStep(app);
    clearProblems();
  }

  function open(app: ApplicationFieldsFragment, step: ApplicationStep): boolean {
    if (!canOpenStep(app, step)) return false;
    viewingStep.value = step;
    clearProblems();
    return true;
  }

  /**
   * Takes a mutation's typed result: on success moves on to where the server says the candidate
   * stands (unless `stay`); on failure keeps the step and records the message at its field.
   */
  function applyResult(result: ApplicationResultFieldsFragment | null | undefined, options: { stay?: boolean } = {}): boolean {
    clearProblems();
    if (!result) return false;
    if (result.ok) {
      if (!options.stay && result.application) viewingStep.value = stepAfterAction(result.application);
      return true;
    }
    if (result.field) fieldErrors.value = { [result.field]: result.message };
    if (result.unmet?.length) unmet.value = result.unmet.map((u) => ({ code: u.code, message: u.message }));
    stepError.value = result.message;
    showError(result);
    return false;
  }

  function reset() {
    viewingStep.value = null;
    clearProblems();
  }

  return { viewingStep, fieldErrors, unmet, stepError, land, open, applyResult, clearProblems, reset };
});

import type { ApplicationStatus, ApplicationStep } from '../graphql/generated/graphql';

/** 报名导览 in the server's order (ApplicationStep); the server's `steps` field carries the labels. */
export const STEP_ORDER: readonly ApplicationStep[] = [
  'AGREEMENT',
  'NOTICES',
  'CONDITIONS',
  'DETAILS',
  'MATERIALS',
  'CONFIRM',
  'REVIEW',
  'PAYMENT',
];

export interface StepSource {
  status: ApplicationStatus;
  currentStep: ApplicationStep;
}

export function stepIndex(step: ApplicationStep): number {
  return STEP_ORDER.indexOf(step);
}

/** The candidate may still change the application: a draft, or sent back by the reviewer. */
export function isEditable(status: ApplicationStatus): boolean {
  return status === 'DRAFT' || status === 'REJECTED';
}

/** 重新报名 is offered until the fee is paid (the gateway refuses it afterwards). */
/** 报名表打印 once the application was submitted (the gateway refuses a DRAFT or WITHDRAWN one). */
export function isPrintable(status: ApplicationStatus): boolean {
  return status !== 'DRAFT' && status !== 'WITHDRAWN';
}

/** The 报名表 PDF, same-origin through the shell's /api/ proxy (the session cookie goes along). */
export function formPdfUrl(applicationId: string): string {
  return `/api/applications/${encodeURIComponent(applicationId)}/form.pdf`;
}

export function isWithdrawable(status: ApplicationStatus): boolean {
  return status === 'DRAFT' || status === 'SUBMITTED' || status === 'APPROVED' || status === 'REJECTED';
}

/**
 * The step a returning candidate lands on. Once submitted the outcome (审核告知) comes first, also
 * after a rejection: the server moves a rejected application back to 信息确认, but the candidate must
 * first read why before correcting it.
 */
export function landingStep(app: StepSource): ApplicationStep {
  if (app.status === 'SUBMITTED' || app.status === 'APPROVED' || app.status === 'REJECTED' || app.status === 'PAID') {
    return 'REVIEW';
  }
  return app.currentStep === 'REVIEW' || app.currentStep === 'PAYMENT' ? 'REVIEW' : app.currentStep;
}

/**
 * The step to show after a successful action: where the server now lets the candidate work while
 * the application is editable (a rejected one being corrected goes on step by step), else 审核告知.
 */
export function stepAfterAction(app: StepSource): ApplicationStep {
  if (!isEditable(app.status)) return 'REVIEW';
  return stepIndex(app.currentStep) > stepIndex('CONFIRM') ? 'CONFIRM' : app.currentStep;
}

/**
 * Whether the candidate may open `step` from 报名导览: while editable every reached step up to the
 * server's `currentStep` (审核告知 too once there is an outcome); after submission only 审核告知.
 */
export function canOpenStep(app: StepSource, step: ApplicationStep): boolean {
  if (step === 'PAYMENT') return false; // 网上缴费 lives in mf-payment
  if (step === 'REVIEW') return app.status !== 'DRAFT';
  if (!isEditable(app.status)) return false;
  return stepIndex(step) <= stepIndex(app.currentStep);
}

/** `el-steps` status of one step while `viewing` is shown. */
export function stepDisplayStatus(app: StepSource, step: ApplicationStep, viewing: ApplicationStep): 'finish' | 'process' | 'wait' | 'error' | 'success' {
  if (step === viewing) return app.status === 'REJECTED' && step === 'REVIEW' ? 'error' : 'process';
  if (step === 'REVIEW' && app.status === 'APPROVED') return 'success';
  if (step === 'REVIEW' && app.status === 'REJECTED') return 'error';
  return stepIndex(step) < stepIndex(app.currentStep) || (step === 'REVIEW' && app.status !== 'DRAFT') ? 'finish' : 'wait';
}

import { describe, expect, it } from 'vitest';
import { canOpenStep, formPdfUrl, isPrintable, landingStep, stepAfterAction, stepDisplayStatus } from './applicationSteps';

describe('报名导览 step mapping', () => {
  it('lands a returning draft on the server currentStep', () => {
    expect(landingStep({ status: 'DRAFT', currentStep: 'AGREEMENT' })).toBe('AGREEMENT');
    expect(landingStep({ status: 'DRAFT', currentStep: 'MATERIALS' })).toBe('MATERIALS');
  });

  it('lands on 审核告知 once submitted, approved or rejected (the server puts a rejected one back at CONFIRM)', () => {
    expect(landingStep({ status: 'SUBMITTED', currentStep: 'REVIEW' })).toBe('REVIEW');
    expect(landingStep({ status: 'APPROVED', currentStep: 'PAYMENT' })).toBe('REVIEW');
    expect(landingStep({ status: 'REJECTED', currentStep: 'CONFIRM' })).toBe('REVIEW');
  });

  it('moves a rejected application being corrected on step by step, not back to 审核告知', () => {
    expect(stepAfterAction({ status: 'REJECTED', currentStep: 'MATERIALS' })).toBe('MATERIALS');
    expect(stepAfterAction({ status: 'REJECTED', currentStep: 'CONFIRM' })).toBe('CONFIRM');
    expect(stepAfterAction({ status: 'SUBMITTED', currentStep: 'REVIEW' })).toBe('REVIEW');
    expect(stepAfterAction({ status: 'DRAFT', currentStep: 'NOTICES' })).toBe('NOTICES');
  });

  it('opens only reached steps while editable, only 审核告知 after submission, never 网上缴费', () => {
    const draft = { status: 'DRAFT', currentStep: 'CONDITIONS' } as const;
    expect(canOpenStep(draft, 'AGREEMENT')).toBe(true);
    expect(canOpenStep(draft, 'CONDITIONS')).toBe(true);
    expect(canOpenStep(draft, 'DETAILS')).toBe(false);
    expect(canOpenStep(draft, 'REVIEW')).toBe(false);
    const submitted = { status: 'SUBMITTED', currentStep: 'REVIEW' } as const;
    expect(canOpenStep(submitted, 'DETAILS')).toBe(false);
    expect(canOpenStep(submitted, 'REVIEW')).toBe(true);
    const rejected = { status: 'REJECTED', currentStep: 'CONFIRM' } as const;
    expect(canOpenStep(rejected, 'DETAILS')).toBe(true);
    expect(canOpenStep(rejected, 'REVIEW')).toBe(true);
    expect(canOpenStep({ status: 'APPROVED', currentStep: 'PAYMENT' }, 'PAYMENT')).toBe(false);
  });

  it('marks finished, current and the review outcome in el-steps', () => {
    const draft = { status: 'DRAFT', currentStep: 'DETAILS' } as const;
    expect(stepDisplayStatus(draft, 'AGREEMENT', 'DETAILS')).toBe('finish');
    expect(stepDisplayStatus(draft, 'DETAILS', 'DETAILS')).toBe('process');
    expect(stepDisplayStatus(draft, 'CONFIRM', 'DETAILS')).toBe('wait');
    expect(stepDisplayStatus({ status: 'APPROVED', currentStep: 'PAYMENT' }, 'REVIEW', 'REVIEW')).toBe('process');
    expect(stepDisplayStatus({ status: 'REJECTED', currentStep: 'CONFIRM' }, 'REVIEW', 'DETAILS')).toBe('error');
  });
});

describe('报名表打印', () => {
  it('is offered once submitted, never for a draft or a withdrawn application', () => {
    expect(isPrintable('DRAFT')).toBe(false);
    expect(isPrintable('WITHDRAWN')).toBe(false);
    for (const status of ['SUBMITTED', 'APPROVED', 'REJECTED', 'PAID'] as const) expect(isPrintable(status)).toBe(true);
  });

  it('downloads the gateway form same-origin', () => {
    expect(formPdfUrl('0b5a3c1e-2f4d-4e6a-8b7c-9d0e1f2a3b4c')).toBe('/api/applications/0b5a3c1e-2f4d-4e6a-8b7c-9d0e1f2a3b4c/form.pdf');
  });
});

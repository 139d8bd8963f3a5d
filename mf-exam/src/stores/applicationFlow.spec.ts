import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ElMessage } from 'element-plus';
import { useApplicationFlowStore } from './applicationFlow';
import type { ApplicationResultFieldsFragment } from '../graphql/generated/graphql';

function result(overrides: Partial<ApplicationResultFieldsFragment>): ApplicationResultFieldsFragment {
  return { ok: true, errorCode: null, message: '', field: null, unmet: null, application: null, ...overrides } as ApplicationResultFieldsFragment;
}

describe('application flow store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.spyOn(ElMessage, 'error').mockImplementation(() => ({ close() {} }) as never);
  });

  it('moves on to where the server says after success', () => {
    const flow = useApplicationFlowStore();
    flow.land({ status: 'DRAFT', currentStep: 'AGREEMENT' } as never);
    expect(flow.viewingStep).toBe('AGREEMENT');
    expect(flow.applyResult(result({ application: { status: 'DRAFT', currentStep: 'NOTICES' } as never }))).toBe(true);
    expect(flow.viewingStep).toBe('NOTICES');
  });

  it('keeps the step on failure and records the message at its field and every unmet condition', () => {
    const flow = useApplicationFlowStore();
    flow.land({ status: 'DRAFT', currentStep: 'DETAILS' } as never);
    const ok = flow.applyResult(
      result({
        ok: false,
        errorCode: 'ELIGIBILITY_NOT_MET',
        message: '本科学历或学士学位须从事会计工作满4年',
        field: null,
        unmet: [{ code: 'WORK_YEARS', message: '本科学历或学士学位须从事会计工作满4年' }] as never,
        application: { status: 'DRAFT', currentStep: 'DETAILS' } as never,
      }),
    );
    expect(ok).toBe(false);
    expect(flow.viewingStep).toBe('DETAILS');
    expect(flow.unmet).toEqual([{ code: 'WORK_YEARS', message: '本科学历或学士学位须从事会计工作满4年' }]);
    flow.applyResult(result({ ok: false, errorCode: 'REGISTRATION_POINT_FULL', message: '该报名点名额已满,请选择其他报名点', field: 'pointId' }));
    expect(flow.fieldErrors).toEqual({ pointId: '该报名点名额已满,请选择其他报名点' });
    expect(flow.unmet).toEqual([]);
  });

  it('refuses to open a step the candidate has not reached', () => {
    const flow = useApplicationFlowStore();
    const app = { status: 'DRAFT', currentStep: 'NOTICES' } as never;
    flow.land(app);
    expect(flow.open(app, 'DETAILS')).toBe(false);
    expect(flow.viewingStep).toBe('NOTICES');
    expect(flow.open(app, 'AGREEMENT')).toBe(true);
    expect(flow.viewingStep).toBe('AGREEMENT');
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ElMessage } from 'element-plus';
import InfoCollectView from './InfoCollectView.vue';
import { mockGateway, mountAt, settle } from '../test-support/mockGateway';
import { unsavedProfile } from '../test-support/profileFixture';

const showError = vi.hoisted(() => vi.fn());
vi.mock('@ccap/platform', async (importOriginal) => ({ ...(await importOriginal<object>()), showError }));

const OPTIONS = { ethnicGroups: ['汉族', '回族'], managementUnits: [{ code: '110000', name: '北京市' }] };
const PENDING = { id: 'v1', method: 'ALIPAY', status: 'PENDING', certifyUrl: '/api/identity-sim/certify?id=v1&sig=x', failureReason: null, expiresAt: '2026-11-26T12:10:00Z' };

const $ = (selector: string) => document.body.querySelector<HTMLElement>(selector);

beforeEach(() => {
  vi.spyOn(ElMessage, 'success').mockImplementation(() => ({ close() {} }) as never);
});
afterEach(() => {
  document.body.innerHTML = '';
  showError.mockReset();
  vi.restoreAllMocks();
});

describe('InfoCollectView (信息采集)', () => {
  it('opens the 实名认证 popup for an unverified candidate; 支付宝扫码认证 needs the separate consent, then polls to 认证成功', async () => {
    let verified = false;
    let polls = 0;
    const gateway = mockGateway({
      MyProfile: () => ({ myProfile: unsavedProfile({ realNameVerified: verified }), ...OPTIONS }),
      MyRealName: () => ({ myRealName: { verified: false, verifiedAt: null, latest: null } }),
      StartAlipayRealName: () => ({ startAlipayRealNameVerification: { ok: true, errorCode: null, message: '请使用支付宝扫码完成认证', field: null, verification: PENDING } }),
      RealNameVerification: () => {
        polls += 1;
        if (polls < 2) return { realNameVerification: PENDING };
        verified = true;
        return { realNameVerification: { ...PENDING, status: 'SUCCEEDED', certifyUrl: null } };
      },
    });
    await mountAt(InfoCollectView, '/info', gateway.client);
    expect($('[data-test="real-name-dialog"]')).not.toBeNull();
    const alipay = $('[data-test="real-name-alipay"]') as HTMLButtonElement;
    expect(alipay.textContent).toContain('支付宝扫码认证');
    expect(alipay.disabled).toBe(true);
    expect(gateway.names()).not.toContain('StartAlipayRealName');

    ($('[data-test="real-name-consent"] input') as HTMLInputElement).click();
    await settle();
    expect(($('[data-test="real-name-alipay"]') as HTMLButtonElement).disabled).toBe(false);
    ($('[data-test="real-name-alipay"]') as HTMLButtonElement).click();
    await settle();
    expect(gateway.sent.find((s) => s.name === 'StartAlipayRealName')?.variables).toEqual({ consent: true });
    expect($('[data-test="real-name-certify-link"]')?.getAttribute('href')).toBe(PENDING.certifyUrl);

    await vi.waitFor(
      () => {
        expect($('[data-test="real-name-success"]')?.textContent).toContain('认证成功');
      },
      { timeout: 6000, interval: 50 },
    );
    await settle();
    // The profile is read again once verified: the gate line disappears.
    expect(gateway.names().filter((n) => n === 'MyProfile').length).toBeGreaterThanOrEqual(2);
    await vi.waitFor(() => expect($('[data-test="profile-gate"]')).toBeNull());
    // The popup stays on 认证成功 until the candidate goes on.
    expect($('[data-test="real-name-continue"]')?.textContent).toContain('继续信息采集');
  }, 15000);

  it('shows 认证失败 with the reason when the names do not match, and offers 重新认证', async () => {
    const gateway = mockGateway({
      MyProfile: () => ({ myProfile: unsavedProfile(), ...OPTIONS }),
      MyRealName: () => ({ myRealName: { verified: false, verifiedAt: null, latest: null } }),
      StartAlipayRealName: () => ({ startAlipayRealNameVerification: { ok: true, errorCode: null, message: '', field: null, verification: PENDING } }),
      RealNameVerification: () => ({ realNameVerification: { ...PENDING, status: 'FAILED', certifyUrl: null, failureReason: '认证失败:姓名与证件号码不一致' } }),
    });
    await mountAt(InfoCollectView, '/info', gateway.client);
    ($('[data-test="real-name-consent"] input') as HTMLInputElement).click();
    await settle();
    ($('[data-test="real-name-alipay"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect($('[data-test="real-name-failure"]')?.textContent).toContain('姓名与证件号码不一致'), { timeout: 6000, interval: 50 });
    expect($('[data-test="real-name-failure"]')?.textContent).toContain('认证失败');
    ($('[data-test="real-name-retry"]') as HTMLButtonElement).click();
    await settle();
    // A new attempt asks for the consent again.
    expect(($('[data-test="real-name-alipay"]') as HTMLButtonElement).disabled).toBe(true);
  }, 15000);

  it('for a verified candidate: no popup, gender from the 证件, saves the form and shows a server field error beside its field', async () => {
    let saveAnswer: Record<string, unknown> = { ok: false, errorCode: 'PROFILE_INVALID', message: '电子邮箱格式不正确', field: 'personalInfo.basic.email', profile: null };
    const gateway = mockGateway({
      MyProfile: () => ({
        myProfile: unsavedProfile({
          realNameVerified: true,
          saved: true,
          managementUnitCode: '110000',
          personalInfo: {
            ...unsavedProfile().personalInfo,
            basic: { gender: 'FEMALE', ethnicity: '汉族', politicalStatus: '群众', email: 'bad', mailingAddress: '北京市朝阳区', postalCode: null },
            educations: [{ level: 'BACHELOR', school: '中央财经大学', major: '会计学', graduationDate: '2012-07-01', certificateNumber: null }],
          },
        }),
        ...OPTIONS,
      }),
      SaveProfile: () => ({ saveProfile: saveAnswer }),
    });
    const { wrapper } = await mountAt(InfoCollectView, '/info', gateway.client);
    expect($('[data-test="real-name-dialog"]')).toBeNull();
    expect(wrapper.find('[data-test="profile-gender"]').text()).toContain('女');
    expect(wrapper.find('[data-test="profile-birth-date"]').text()).toBe('1990-03-07');
    expect((wrapper.find('input[data-test="education-school"]').element as HTMLInputElement).value).toBe('中央财经大学');

    await wrapper.find('input[data-test="profile-address"]').setValue('北京市朝阳区建国路1号');
    await wrapper.find('form').trigger('submit');
    await settle();
    const sent = gateway.sent.find((s) => s.name === 'SaveProfile')!.variables as any;
    expect(sent.input.managementUnitCode).toBe('110000');
    expect(sent.input.personalInfo.basic).toMatchObject({ gender: 'FEMALE', ethnicity: '汉族', politicalStatus: '群众', mailingAddress: '北京市朝阳区建国路1号' });
    expect(sent.input.personalInfo.educations).toEqual([{ level: 'BACHELOR', school: '中央财经大学', major: '会计学', graduationDate: '2012-07-01', certificateNumber: null }]);
    // Beside its field (the 邮箱 item turns red), and through the platform's error display.
    expect(wrapper.findAll('.el-form-item.is-error').map((item) => item.find('.el-form-item__label').text())).toEqual(['邮箱']);
    expect(showError).toHaveBeenCalledWith({ errorCode: 'PROFILE_INVALID', message: '电子邮箱格式不正确' });

    saveAnswer = { ok: true, errorCode: null, message: '保存成功', field: null, profile: { saved: true, updatedAt: '2026-11-26T12:00:00Z' } };
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(ElMessage.success).toHaveBeenCalledWith('保存成功');
  });
});

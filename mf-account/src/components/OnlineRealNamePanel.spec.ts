import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { DefaultApolloClient } from '@ccap/platform';
import InfoCollectView from '../views/InfoCollectView.vue';
import RealNamePanel from './RealNamePanel.vue';
import { mockGateway, mountAt, settle } from '../test-support/mockGateway';
import { unsavedProfile } from '../test-support/profileFixture';

const showError = vi.hoisted(() => vi.fn());
/** Plays the gateway's upload endpoint: reports half-way progress, then answers with the stored file. */
const uploadFile = vi.hoisted(() =>
  vi.fn(async (url: string, file: File, onProgress: (p: { loaded: number; total: number; percent: number }) => void) => {
    onProgress({ loaded: file.size / 2, total: file.size, percent: 50 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const id = `u-${url.split('=')[1]}`;
    return { ok: true, upload: { id, url: `/api/uploads/${id}`, width: 600, height: 400, sizeBytes: file.size, contentType: file.type } };
  }),
);
vi.mock('@ccap/platform', async (importOriginal) => ({ ...(await importOriginal<object>()), showError, uploadFile }));

const PROFILE = unsavedProfile();
const OPTIONS = { ethnicGroups: ['汉族'], managementUnits: [{ code: '110000', name: '北京市' }] };
const REGIONS = {
  realNameRegions: [
    { code: '110000', name: '北京市', cities: [{ code: '110100', name: '北京市' }] },
    { code: '440000', name: '广东省', cities: [{ code: '440100', name: '广州市' }, { code: '440300', name: '深圳市' }] },
  ],
};
const DOCUMENTS = [
  { side: 'PORTRAIT', uploadId: 'p1', url: '/api/uploads/p1' },
  { side: 'EMBLEM', uploadId: 'e1', url: '/api/uploads/e1' },
  { side: 'HANDHELD', uploadId: 'h1', url: '/api/uploads/h1' },
];
function attempt(overrides: Record<string, unknown>) {
  return {
    id: 'v1',
    method: 'ONLINE',
    status: 'PENDING',
    certifyUrl: null,
    failureReason: null,
    expiresAt: null,
    provinceCode: '440000',
    cityCode: '440300',
    provinceName: '广东省',
    cityName: '深圳市',
    documents: DOCUMENTS,
    ...overrides,
  };
}

const $ = (selector: string) => document.body.querySelector<HTMLElement>(selector);
const $$ = (selector: string) => [...document.body.querySelectorAll<HTMLElement>(selector)];

function choose(side: string, name: string) {
  const input = $(`[data-test="online-file-${side}"]`) as HTMLInputElement;
  const file = new File([new Uint8Array(2048)], name, { type: name.endsWith('.png') ? 'image/png' : 'image/jpeg' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change'));
}

async function pick(testId: string, label: string) {
  ($(`[data-test="${testId}"] .el-select__wrapper`) ?? $(`[data-test="${testId}"]`))!.click();
  await settle();
  const option = $$('.el-select-dropdown__item').find((o) => o.textContent?.trim() === label);
  if (!option) throw new Error(`no option ${label} among ${$$('.el-select-dropdown__item').map((o) => o.textContent).join(',')}; select: ${$(`[data-test="${testId}"]`)?.outerHTML.slice(0, 300)}`);
  option.click();
  await settle();
}

afterEach(() => {
  document.body.innerHTML = '';
  showError.mockReset();
  uploadFile.mockClear();
  vi.restoreAllMocks();
});

describe('线上实名认证 in the 实名认证 popup', () => {
  it('opens from the link below 支付宝, uploads the three images with progress and preview, chooses 所在省市 and submits → 待审核', async () => {
    let tokens = 0;
    const gateway = mockGateway({
      MyProfile: () => ({ myProfile: PROFILE, ...OPTIONS }),
      MyRealName: () => ({ myRealName: { verified: false, verifiedAt: null, latest: null } }),
      RealNameRegions: () => REGIONS,
      RequestRealNameUploadToken: () => ({
        requestRealNameUploadToken: { ok: true, errorCode: null, message: '请上传文件', uploadUrl: `/api/uploads?token=t${++tokens}`, maxBytes: 5242880 },
      }),
      SubmitOnlineRealName: () => ({ submitOnlineRealNameVerification: { ok: true, errorCode: null, message: '已提交,请等待审核', field: null, verification: attempt({ id: 'v2' }) } }),
    });
    await mountAt(InfoCollectView, '/info', gateway.client);
    const link = $('[data-test="real-name-online"]')!;
    expect(link.textContent).toBe('线上实名认证');
    link.click();
    await settle();

    expect($('[data-test="online-requirements"]')?.textContent).toContain('请仔细阅读文件上传要求,按要求上传证件文件');
    expect($$('[data-test^="online-slot-"] .online__label').map((l) => l.textContent)).toEqual(['证件人像面', '证件国徽面/非人像面', '手持证件人像面']);
    const submit = $('[data-test="online-submit"]') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);

    choose('PORTRAIT', 'front.jpg');
    await settle(1);
    expect($('[data-test="online-slot-PORTRAIT"] [data-test="online-progress"]')?.textContent).toContain('50%');
    await vi.waitFor(() => expect($('[data-test="online-slot-PORTRAIT"] img')?.getAttribute('src')).toBe('/api/uploads/u-t1'));
    expect($('[data-test="online-slot-PORTRAIT"] [data-test="online-progress"]')).toBeNull();
    expect($('[data-test="online-slot-PORTRAIT"] .online__pick')?.textContent).toContain('重新上传');
    // 重新上传 replaces the preview with the new file.
    choose('PORTRAIT', 'front-2.jpg');
    await vi.waitFor(() => expect($('[data-test="online-slot-PORTRAIT"] img')?.getAttribute('src')).toBe('/api/uploads/u-t2'));
    choose('EMBLEM', 'back.png');
    await vi.waitFor(() => expect($('[data-test="online-slot-EMBLEM"] img')).not.toBeNull());
    choose('HANDHELD', 'hand.jpg');
    await vi.waitFor(() => expect($('[data-test="online-slot-HANDHELD"] img')).not.toBeNull());
    expect(gateway.sent.filter((s) => s.name === 'RequestRealNameUploadToken').map((s) => s.variables.side)).toEqual(['PORTRAIT', 'PORTRAIT', 'EMBLEM', 'HANDHELD']);

    await pick('online-province', '广东省');
    await pick('online-city', '深圳市');
    expect(($('[data-test="online-submit"]') as HTMLButtonElement).disabled).toBe(true); // consent not yet given
    ($('[data-test="online-consent"] input') as HTMLInputElement).click();
    await settle();
    ($('[data-test="online-submit"]') as HTMLButtonElement).click();
    await settle();
    expect(gateway.sent.find((s) => s.name === 'SubmitOnlineRealName')?.variables).toEqual({
      input: { portraitUploadId: 'u-t2', emblemUploadId: 'u-t3', handheldUploadId: 'u-t4', provinceCode: '440000', cityCode: '440300', consent: true },
    });
    expect($('[data-test="online-pending"]')?.textContent).toContain('待审核');
    expect($('[data-test="online-pending"]')?.textContent).toContain('广东省 深圳市');
    expect(showError).not.toHaveBeenCalled();
  }, 20000);

  it('shows an upload the gateway refused beside its image, through the platform', async () => {
    uploadFile.mockImplementationOnce(async () => ({ ok: false, errorCode: 'UPLOAD_TYPE_NOT_ALLOWED', message: '仅支持JPG或PNG格式的图片' }) as any);
    const gateway = mockGateway({
      MyProfile: () => ({ myProfile: PROFILE, ...OPTIONS }),
      MyRealName: () => ({ myRealName: { verified: false, verifiedAt: null, latest: null } }),
      RealNameRegions: () => REGIONS,
      RequestRealNameUploadToken: () => ({ requestRealNameUploadToken: { ok: true, errorCode: null, message: '', uploadUrl: '/api/uploads?token=x', maxBytes: 5242880 } }),
    });
    await mountAt(InfoCollectView, '/info', gateway.client);
    $('[data-test="real-name-online"]')!.click();
    await settle();
    choose('EMBLEM', 'scan.jpg');
    await vi.waitFor(() => expect($('[data-test="online-slot-EMBLEM"] [data-test="online-error"]')?.textContent).toBe('仅支持JPG或PNG格式的图片'));
    expect(showError).toHaveBeenCalledWith(expect.objectContaining({ errorCode: 'UPLOAD_TYPE_NOT_ALLOWED' }));
    expect($('[data-test="online-slot-EMBLEM"] img')).toBeNull();
  }, 15000);

  it('a waiting candidate sees 待审核 at once; after 审核未通过 the reason and 重新提交 with the earlier images kept', async () => {
    let latest = attempt({ status: 'FAILED', failureReason: '手持证件照片不清晰,请重新拍摄' });
    const gateway = mockGateway({
      MyProfile: () => ({ myProfile: PROFILE, ...OPTIONS }),
      MyRealName: () => ({ myRealName: { verified: false, verifiedAt: null, latest } }),
      RealNameRegions: () => REGIONS,
      RequestRealNameUploadToken: () => ({ requestRealNameUploadToken: { ok: true, errorCode: null, message: '', uploadUrl: '/api/uploads?token=n1', maxBytes: 5242880 } }),
      SubmitOnlineRealName: () => {
        latest = attempt({ id: 'v3' });
        return { submitOnlineRealNameVerification: { ok: true, errorCode: null, message: '', field: null, verification: latest } };
      },
    });
    await mountAt(InfoCollectView, '/info', gateway.client);
    expect($('[data-test="online-rejected"]')?.textContent).toContain('审核未通过');
    expect($('[data-test="online-reason"]')?.textContent).toBe('原因:手持证件照片不清晰,请重新拍摄');
    ($('[data-test="online-resubmit"]') as HTMLButtonElement).click();
    await settle();
    expect($$('[data-test="online-preview"]').map((img) => img.getAttribute('src'))).toEqual(['/api/uploads/p1', '/api/uploads/e1', '/api/uploads/h1']);
    choose('HANDHELD', 'hand-again.jpg');
    await vi.waitFor(() => expect($('[data-test="online-slot-HANDHELD"] img')?.getAttribute('src')).toBe('/api/uploads/u-n1'));
    ($('[data-test="online-consent"] input') as HTMLInputElement).click();
    await settle();
    ($('[data-test="online-submit"]') as HTMLButtonElement).click();
    await settle();
    expect(gateway.sent.find((s) => s.name === 'SubmitOnlineRealName')?.variables).toEqual({
      input: { portraitUploadId: 'p1', emblemUploadId: 'e1', handheldUploadId: 'u-n1', provinceCode: '440000', cityCode: '440300', consent: true },
    });
    expect($('[data-test="online-pending"]')).not.toBeNull();
  }, 15000);
});

describe('线上实名认证 status while waiting', () => {
  it('reads the status again while 待审核 and shows 审核通过 when the reviewer approves (the popup is told: verified)', async () => {
    let latest = attempt({ status: 'PENDING' });
    const gateway = mockGateway({
      MyRealName: () => ({ myRealName: { verified: latest.status === 'SUCCEEDED', verifiedAt: null, latest } }),
      RealNameRegions: () => REGIONS,
    });
    const wrapper = mount(RealNamePanel, {
      props: { reviewPollIntervalMs: 50 },
      attachTo: document.body,
      global: { plugins: [createPinia()], provide: { [DefaultApolloClient as symbol]: gateway.client } },
    });
    await settle();
    expect(wrapper.find('[data-test="online-pending"]').exists()).toBe(true);
    const reads = gateway.names().filter((n) => n === 'MyRealName').length;
    latest = attempt({ status: 'SUCCEEDED' });
    await vi.waitFor(() => expect(wrapper.find('[data-test="online-approved"]').text()).toContain('审核通过'), { timeout: 5000, interval: 50 });
    expect(gateway.names().filter((n) => n === 'MyRealName').length).toBeGreaterThan(reads);
    expect(wrapper.emitted('verified')).toHaveLength(1);
    wrapper.unmount();
  }, 15000);
});

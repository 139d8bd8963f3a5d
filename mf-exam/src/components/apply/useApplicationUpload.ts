import { ref } from 'vue';
import { messageOf, showError, uploadFile, useMutation } from '@ccap/platform';
import { RequestUploadTokenMutation } from '../../graphql/operations';
import type { UploadPurpose } from '../../graphql/generated/graphql';

/**
 * One upload at a time for a photo or a 证明材料: a single-use token from the API, then the raw file
 * to the gateway with progress. Afterwards the application is read again (the upload may move the
 * candidate back to the step that shows the file).
 */
export function useApplicationUpload(refresh: () => Promise<unknown>) {
  const { mutate: requestToken } = useMutation(RequestUploadTokenMutation);
  const percent = ref<number | null>(null);
  const error = ref<string | null>(null);

  async function upload(
    file: File,
    target: { applicationId: string; purpose: UploadPurpose; materialCode?: string | null; replacesUploadId?: string | null },
  ): Promise<boolean> {
    error.value = null;
    percent.value = 0;
    try {
      const res = await requestToken({ input: { ...target, materialCode: target.materialCode ?? null, replacesUploadId: target.replacesUploadId ?? null } });
      const token = res?.data?.requestUploadToken;
      if (!token?.ok || !token.uploadUrl) {
        if (token) {
          error.value = token.message;
          showError(token);
        }
        return false;
      }
      const answer = await uploadFile(token.uploadUrl, file, (p) => (percent.value = p.percent));
      if (!answer.ok) {
        error.value = answer.message;
        showError(answer);
        return false;
      }
      await refresh();
      return true;
    } catch (e) {
      error.value = messageOf(e);
      showError(e);
      return false;
    } finally {
      percent.value = null;
    }
  }

  return { upload, percent, error };
}

import { reactive } from 'vue';
import { defineStore } from 'pinia';
import type { DocumentType } from '../graphql/generated/graphql';

export interface RegisterDraft {
  documentType: DocumentType | '';
  documentNumber: string;
  nationality: string;
  name: string;
  phone: string;
}

const emptyDraft = (): RegisterDraft => ({ documentType: '', documentNumber: '', nationality: '', name: '', phone: '' });

/**
 * What the candidate typed on 注册 (never the passwords or the code), kept while this
 * micro-frontend is mounted so a visit to 帮助中心 does not lose it.
 */
export const useRegisterDraftStore = defineStore('mf-account/register-draft', () => {
  const draft = reactive<RegisterDraft>(emptyDraft());

  function reset() {
    Object.assign(draft, emptyDraft());
  }

  return { draft, reset };
});

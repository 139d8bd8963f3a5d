import { ref } from 'vue';
import { defineStore } from 'pinia';

export interface SelectedExam {
  id: string;
  name: string;
  levelLabel: string;
}

/** The exam the candidate chose on 选择考试 (shown at once on 省份选择 while it loads). */
export const useExamSelectionStore = defineStore('mf-exam/selection', () => {
  const selectedExam = ref<SelectedExam | null>(null);

  function select(exam: SelectedExam) {
    selectedExam.value = { id: exam.id, name: exam.name, levelLabel: exam.levelLabel };
  }

  function clear() {
    selectedExam.value = null;
  }

  return { selectedExam, select, clear };
});

import type { ExamLevel } from '../graphql/generated/graphql';

export interface SubjectOption {
  code: string;
  name: string;
  /** 中级 roll-over: passed in this (previous) exam year, cannot be registered again. */
  rolledOverPassYear: number | null;
}

export interface SubjectChoiceRule {
  /** Shown above the checkboxes. */
  hint: string;
  /** Codes the candidate cannot tick, with why. */
  disabledReasons: Record<string, string>;
  /** Codes ticked for the candidate and locked (初级 both, 高级 the one). */
  required: string[];
  /** Largest number of subjects that may be ticked. */
  max: number;
}

/**
 * The subject rule of each level, as the gateway checks it on 确认无误: 初级 both subjects together,
 * 中级 one to three subjects except a roll-over pass of the previous year, 高级 its one subject.
 */
export function subjectChoiceRule(level: ExamLevel, subjects: readonly SubjectOption[]): SubjectChoiceRule {
  const names = subjects.map((s) => s.name).join('和');
  switch (level) {
    case 'JUNIOR':
      return { hint: `初级资格考试须同时报考${names}两个科目`, disabledReasons: {}, required: subjects.map((s) => s.code), max: subjects.length };
    case 'SENIOR':
      return { hint: `高级资格考试只考${names}一个科目`, disabledReasons: {}, required: subjects.map((s) => s.code), max: subjects.length };
    case 'INTERMEDIATE': {
      const disabledReasons: Record<string, string> = {};
      for (const s of subjects) {
        if (s.rolledOverPassYear !== null) disabledReasons[s.code] = `已于${s.rolledOverPassYear}年度考试合格,成绩在有效期内,不能重复报考`;
      }
      return { hint: '中级资格考试可报考1至3个科目,已合格且在有效期内的科目不能重复报考', disabledReasons, required: [], max: subjects.length };
    }
  }
}

/** The saved choice made consistent with the rule: required codes added, disabled ones dropped. */
export function normalizeSubjectChoice(rule: SubjectChoiceRule, chosen: readonly string[]): string[] {
  const out = new Set(chosen.filter((code) => !(code in rule.disabledReasons)));
  for (const code of rule.required) out.add(code);
  return [...out];
}

import { describe, expect, it } from 'vitest';
import { normalizeSubjectChoice, subjectChoiceRule } from './subjectRules';

const junior = [
  { code: 'JUNIOR_PRACTICE', name: '初级会计实务', rolledOverPassYear: null },
  { code: 'JUNIOR_ECONOMIC_LAW', name: '经济法基础', rolledOverPassYear: null },
];
const intermediate = [
  { code: 'INTERMEDIATE_PRACTICE', name: '中级会计实务', rolledOverPassYear: null },
  { code: 'FINANCIAL_MANAGEMENT', name: '财务管理', rolledOverPassYear: 2025 },
  { code: 'ECONOMIC_LAW', name: '经济法', rolledOverPassYear: null },
];

describe('报名科目 rule per level', () => {
  it('初级: both subjects ticked and locked', () => {
    const rule = subjectChoiceRule('JUNIOR', junior);
    expect(rule.hint).toBe('初级资格考试须同时报考初级会计实务和经济法基础两个科目');
    expect(rule.required).toEqual(['JUNIOR_PRACTICE', 'JUNIOR_ECONOMIC_LAW']);
    expect(normalizeSubjectChoice(rule, [])).toEqual(['JUNIOR_PRACTICE', 'JUNIOR_ECONOMIC_LAW']);
  });

  it('中级: a roll-over pass of the previous year is disabled with the reason and dropped from a saved choice', () => {
    const rule = subjectChoiceRule('INTERMEDIATE', intermediate);
    expect(rule.required).toEqual([]);
    expect(rule.disabledReasons).toEqual({ FINANCIAL_MANAGEMENT: '已于2025年度考试合格,成绩在有效期内,不能重复报考' });
    expect(normalizeSubjectChoice(rule, ['FINANCIAL_MANAGEMENT', 'ECONOMIC_LAW'])).toEqual(['ECONOMIC_LAW']);
  });

  it('高级: its one subject', () => {
    const rule = subjectChoiceRule('SENIOR', [{ code: 'SENIOR_PRACTICE', name: '高级会计实务', rolledOverPassYear: null }]);
    expect(rule.required).toEqual(['SENIOR_PRACTICE']);
    expect(rule.hint).toContain('只考高级会计实务一个科目');
  });
});

// A visitor opening 选择考试 and then one exam's province table: the first hours' hottest read.
export const EXAM_LIST = '{ exams { id name level levelLabel } }';
export const PROVINCE_TABLE = `query Province($id: ID!) { exam(id: $id) { id name units { id unit { code name } registrationStartsAt registrationEndsAt paymentStartsAt paymentEndsAt registrationOpen consultPhones noticeUrl } } }`;

export default {
  name: 'public-exams',
  title: 'public: exam list + one province table (37 units)',
  baseline: 'apollo-trivial',
  target: { ratio: 0.5, p99Ms: 50 },
  async prepare({ gatewayUrl, graphql }) {
    const { exams } = await graphql(EXAM_LIST);
    const examId = exams[0].id;
    const post = (query, variables) => ({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { url: gatewayUrl, requests: [post(EXAM_LIST), post(PROVINCE_TABLE, { id: examId })] };
  },
};

export { judgeSubmission } from './judge-submission';
export type { JudgeSubmissionInput, JudgeSubmissionResult } from './judge-submission';

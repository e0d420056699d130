import { WorkflowNotFoundError } from '@temporalio/client';
import { isTerminal } from '../../common/submission';
import { canReopen } from '../../db/submission-transitions';
import { withSpan } from '../../common/tracing';
import { dispatch, workflowIdOfRun } from '../dispatch';
import { refuseWhenDiskFull } from '../disk-space';
import type { MutationResolvers } from '../generated/resolvers-types';
import { apiMetrics } from '../metrics';
import { servedLanguages } from '../../runtimes/served-languages';
import { rateLimited } from '../rate-limit';
import { submissionNotFound } from '../submission-not-found';
import { badInput, validateSubmitInput } from '../validation/submit-input';
import { ownsProblem, ProblemInUseError, ProblemOwnershipError } from '../../db/problem-store';
import { apiError } from '../execution/error-codes';
import { PROBLEM_ID, PROBLEM_ID_RULE } from '../problem-upload';
import { readerOf } from '../problem-reader';
import { submitProblem } from '../validation/submit-problem';

/** How long cancelSubmission waits for the workflow to record CANCELLED before answering. */
const CANCEL_WAIT_MS = 5000;

export const Mutation: MutationResolvers = {
  // The root span of a submission's trace (when tracing is on): the workflow start inside carries it on.
  submit: (_parent, { input }, { config, store, problems, temporal, eagerStart, logger, submitLimiter, client }) =>
    withSpan('graphql.submit', { 'sandflow.language': input.language, 'sandflow.client': client.name }, async () => {
      const problem = await submitProblem(input, problems, client, config);
      const request = validateSubmitInput(input, config, servedLanguages(config), problem);
      // Before the rate limiter and the store write anything: a full disk gets a clear refusal, not a half-written row.
      await refuseWhenDiskFull(config);
      // After validation: only submissions that would run are charged; a rejected one costs nothing to refuse.
      const decision = await submitLimiter.take(client.name, client.submitRate);
      if (!decision.allowed) {
        apiMetrics.rateLimited.inc({ client: client.name });
        throw rateLimited(client.submitRate, decision.retryAfterSeconds);
      }
      const { record, created } = await store.create(request, client.name);
      const log = logger.child({ submissionId: record.id, client: client.name });
      if (!created) {
        log.info('repeated idempotency key; returning the first submission');
        return record;
      }
      try {
        await dispatch(temporal, config, store, record, eagerStart);
      } catch (error) {
        // Stored already, so nothing is lost: the redispatcher starts it once Temporal answers.
        log.error({ err: error }, 'starting the workflow failed; left QUEUED for the redispatcher');
      }
      apiMetrics.accepted.inc({ language: record.language });
      log.info({ language: record.language }, 'accepted');
      return record;
    }),

  // Another judging attempt of a submission sandflow could not judge, charged like a submit.
  async retrySubmission(_parent, { id }, { config, store, temporal, eagerStart, logger, submitLimiter, client }) {
    const record = await store.getOwned(id, client.name, ['id', 'status', 'verdict']);
    if (!record) throw submissionNotFound(id);
    const notRetryable = () =>
      badInput(
        'id',
        `submission ${id} is ${record.status}${record.verdict ? ` (${record.verdict})` : ''}; only a submission that ended FAILED (INTERNAL_ERROR) can be retried`,
      );
    if (!canReopen(record.status, record.verdict)) throw notRetryable();
    const decision = await submitLimiter.take(client.name, client.submitRate);
    if (!decision.allowed) {
      apiMetrics.rateLimited.inc({ client: client.name });
      throw rateLimited(client.submitRate, decision.retryAfterSeconds);
    }
    // Conditional on the state: of two concurrent retries, one reopens it and the other is refused.
    const reopened = await store.reopen(id, client.name);
    if (!reopened) throw notRetryable();
    const log = logger.child({ submissionId: id, client: client.name });
    try {
      await dispatch(temporal, config, store, reopened, eagerStart);
    } catch (error) {
      log.error({ err: error }, 'starting the retry workflow failed; left QUEUED for the redispatcher');
    }
    log.info({ attempt: reopened.attempt, workflowRun: reopened.workflowRun }, 'retry accepted');
    return reopened;
  },

  async createProblem(_parent, { input }, { problems, client }) {
    if (!PROBLEM_ID.test(input.id))
      throw badInput('id', `must be ${PROBLEM_ID_RULE} (got ${JSON.stringify(input.id.slice(0, 80))})`);
    const title = input.title ?? null;
    if (title !== null && (title.length === 0 || title.length > 200))
      throw badInput('title', `must be 1 to 200 characters (got ${title.length})`);
    try {
      return await problems.create({ id: input.id, clientName: client.name, title, isPublic: false });
    } catch (error) {
      if (error instanceof ProblemOwnershipError) throw badInput('id', `problem ${input.id} exists already; choose another id`);
      throw error;
    }
  },

  async deleteProblem(_parent, { id, force }, { problems, client, logger }) {
    const problem = await problems.visible(id, readerOf(client));
    if (!problem || !ownsProblem(problem, readerOf(client))) return false;
    if (force && !client.operator) throw badInput('force', 'only an operator may delete a problem that submissions refer to');
    try {
      const deleted = await problems.delete(id, { force: force === true });
      logger.info({ problemId: id, client: client.name, force: force === true }, 'problem deleted');
      return deleted;
    } catch (error) {
      if (error instanceof ProblemInUseError) throw badInput('id', error.message);
      throw error;
    }
  },

  async setProblemPublic(_parent, { id, public: isPublic }, { problems, client }) {
    if (!client.operator) throw apiError('FORBIDDEN', 'setProblemPublic: only an operator may make a problem public or private');
    if (!(await problems.setPublic(id, isPublic)))
      throw apiError('NOT_FOUND', `id: problem ${id} does not exist`, { field: 'id' });
    const problem = await problems.get(id);
    if (!problem) throw apiError('NOT_FOUND', `id: problem ${id} does not exist`, { field: 'id' });
    return problem;
  },

  async cancelSubmission(_parent, { id }, { store, temporal, logger, client }) {
    // Another client's submission is reported exactly like a missing one: ids must not be probeable.
    const record = await store.getOwned(id, client.name);
    if (!record) throw submissionNotFound(id);
    if (isTerminal(record.status)) return record;
    try {
      await temporal.workflow.getHandle(workflowIdOfRun(id, record.workflowRun)).cancel();
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      // Never started (Temporal was down when it was accepted): nothing runs, so end it here.
      await store.finish(id, { status: 'CANCELLED', verdict: null, error: 'cancelled by request' });
    }
    logger.info({ submissionId: id }, 'cancel requested');
    const deadline = Date.now() + CANCEL_WAIT_MS;
    for (;;) {
      const current = await store.get(id);
      if (!current || isTerminal(current.status) || Date.now() > deadline) return current ?? record;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  },
};

import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { SubmissionRecord } from '../../db/submission-entity';
import type { ProblemRecord } from '../../db/problem-entity';
import type { ProblemVersionRecord } from '../../db/problem-version-entity';
import type { ApiContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date; output: Date; }
};

/** sandflow extension. */
export type CreateProblemInput = {
  /** 1 to 64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit; unique across clients. */
  id: Scalars['ID']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
};

export type FileInput = {
  content: Scalars['String']['input'];
  path: Scalars['String']['input'];
};

/** sandflow extension. How one test group went for a submission. */
export type GroupResult = {
  __typename?: 'GroupResult';
  cases: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  maxScore: Maybe<Scalars['Float']['output']>;
  name: Scalars['String']['output'];
  passed: Scalars['Int']['output'];
  score: Maybe<Scalars['Float']['output']>;
  /** Not run: judging stopped at an earlier failure, or a group it requires did not pass. */
  skipped: Scalars['Int']['output'];
  /** Null when none of its cases was judged. */
  verdict: Maybe<Verdict>;
};

export type Language = {
  __typename?: 'Language';
  /** sandflow extension. Other ids that submit accepts for this language: a family's plain id ("go") names its default, newest served version. */
  aliases: Array<Scalars['ID']['output']>;
  compiled: Scalars['Boolean']['output'];
  defaultLimits: Limits;
  /** sandflow extension. File name extensions of its sources, lower case with the dot, the usual one first (e.g. ".py"). */
  extensions: Array<Scalars['String']['output']>;
  /** sandflow extension. The plain id of the language this is one version of ("go" for "go@1.19"); the id itself for a language offered in one version. */
  family: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  version: Scalars['String']['output'];
};

export type Limits = {
  __typename?: 'Limits';
  cpuTimeMs: Scalars['Int']['output'];
  memoryMb: Scalars['Int']['output'];
  outputKb: Scalars['Int']['output'];
  processes: Scalars['Int']['output'];
  wallTimeMs: Scalars['Int']['output'];
};

export type LimitsInput = {
  cpuTimeMs?: InputMaybe<Scalars['Int']['input']>;
  memoryMb?: InputMaybe<Scalars['Int']['input']>;
  outputKb?: InputMaybe<Scalars['Int']['input']>;
  processes?: InputMaybe<Scalars['Int']['input']>;
  wallTimeMs?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Stops a submission that has not finished; its containers are removed and its status becomes CANCELLED. */
  cancelSubmission: Submission;
  /** sandflow extension. Creates an empty problem of yours (versions come from uploading packages to POST /problems/{id}/versions). An id already taken is BAD_USER_INPUT. */
  createProblem: Problem;
  /** sandflow extension. Deletes a problem of yours and its versions. Refused (BAD_USER_INPUT) while submissions refer to it, unless an operator passes force: true (those submissions keep their results). True when it existed. */
  deleteProblem: Scalars['Boolean']['output'];
  /** sandflow extension. Judges again a submission of yours that ended FAILED (verdict INTERNAL_ERROR: sandflow could not judge it), under a new workflow run: same id, status QUEUED again; the status log keeps the failed attempt. Counts against the submit rate. Any other state is BAD_USER_INPUT. */
  retrySubmission: Submission;
  /** sandflow extension. Operators only: makes a problem public (every client may see its samples and submit to it) or private again. */
  setProblemPublic: Problem;
  /** Accepts the submission, persists it and starts its workflow; returns at once with status QUEUED (or the existing submission for a repeated idempotencyKey). */
  submit: Submission;
};


export type MutationCancelSubmissionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateProblemArgs = {
  input: CreateProblemInput;
};


export type MutationDeleteProblemArgs = {
  force?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationRetrySubmissionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetProblemPublicArgs = {
  id: Scalars['ID']['input'];
  public: Scalars['Boolean']['input'];
};


export type MutationSubmitArgs = {
  input: SubmitInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** sandflow extension. A problem: test data uploaded once (a Problem Package Format archive), judged against by many submissions. */
export type Problem = {
  __typename?: 'Problem';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  /** 0 before the first package was uploaded. */
  latestVersion: Scalars['Int']['output'];
  /** Whether the caller owns it (or is an operator): only then are secret test data and outputs visible. */
  owned: Scalars['Boolean']['output'];
  /** Whether every client may see its samples and submit to it (operators set it). */
  public: Scalars['Boolean']['output'];
  title: Maybe<Scalars['String']['output']>;
  /** Oldest first. */
  versions: Array<ProblemVersion>;
};

/** sandflow extension. */
export type ProblemGroup = {
  __typename?: 'ProblemGroup';
  /** Test cases directly in it. */
  cases: Scalars['Int']['output'];
  maxScore: Maybe<Scalars['Float']['output']>;
  /** Its path under data/, e.g. secret/group1. */
  name: Scalars['String']['output'];
  /** Whether judging stops at its first rejected case. */
  stopOnFirstFailure: Scalars['Boolean']['output'];
};

/** sandflow extension. */
export type ProblemType =
  | 'PASS_FAIL'
  | 'SCORING';

/** sandflow extension. One immutable version of a problem. */
export type ProblemVersion = {
  __typename?: 'ProblemVersion';
  /** Test cases, samples included. */
  caseCount: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Total bytes of its test data. */
  dataBytes: Scalars['Float']['output'];
  /** The test groups, sample first, then secret and its subgroups depth first. */
  groups: Array<ProblemGroup>;
  /** The maximum score (scoring problems); null for pass-fail. */
  maxScore: Maybe<Scalars['Float']['output']>;
  /** Memory limit per test case, in MiB; null when the package leaves it to the language's default. */
  memoryMb: Maybe<Scalars['Int']['output']>;
  problemId: Scalars['ID']['output'];
  /** The sample cases in full: shown to every client that may see the problem. */
  samples: Array<SampleCase>;
  /** CPU time limit per test case, in milliseconds. */
  timeLimitMs: Scalars['Int']['output'];
  type: ProblemType;
  version: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Languages this deployment can compile and run. */
  languages: Array<Language>;
  /** sandflow extension. A problem of yours, a public one, or (for an operator) any; null when there is none you may see. */
  problem: Maybe<Problem>;
  /** sandflow extension. One version of a problem you may see; the newest when version is left out. */
  problemVersion: Maybe<ProblemVersion>;
  /** sandflow extension. The problems you may submit to: yours and the public ones (an operator: all), by id. */
  problems: Array<Problem>;
  queueStats: QueueStats;
  submission: Maybe<Submission>;
  /** Newest first. */
  submissions: SubmissionConnection;
};


export type QueryProblemArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProblemVersionArgs = {
  problemId: Scalars['ID']['input'];
  version?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySubmissionArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySubmissionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  language?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<SubmissionStatus>;
};

export type QueueStats = {
  __typename?: 'QueueStats';
  /** sandflow extension. Tasks waiting in Temporal's submission task queue (approximate; 0 when Temporal does not report it). */
  backlog: Scalars['Int']['output'];
  /** Sandboxes that can run at once across those workers. */
  maxConcurrency: Scalars['Int']['output'];
  /** Accepted, not yet started. */
  queued: Scalars['Int']['output'];
  /** Preparing, compiling or running now. */
  running: Scalars['Int']['output'];
  totalSubmissions: Scalars['Int']['output'];
  /** Worker processes polling the submission task queue now. */
  workers: Scalars['Int']['output'];
};

export type RunResult = {
  __typename?: 'RunResult';
  cpuTimeMs: Scalars['Int']['output'];
  exitCode: Maybe<Scalars['Int']['output']>;
  /** Peak resident memory. */
  memoryKb: Scalars['Int']['output'];
  /** Signal name such as SIGKILL or SIGSEGV, when the process died of one. */
  signal: Maybe<Scalars['String']['output']>;
  stderr: Scalars['String']['output'];
  stdout: Scalars['String']['output'];
  /** True when stdout or stderr was cut at the output limit. */
  truncated: Scalars['Boolean']['output'];
  wallTimeMs: Scalars['Int']['output'];
};

/** sandflow extension. */
export type SampleCase = {
  __typename?: 'SampleCase';
  answer: Scalars['String']['output'];
  input: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

export type Submission = {
  __typename?: 'Submission';
  /** sandflow extension. Which judging attempt this is: 1 for the first, one more each time judging started over (its worker was lost, or retrySubmission). A new attempt keeps the status reached: statuses never go back (RUNNING stays RUNNING with the next attempt), and a subscription shows the new attempt as an update of its own. */
  attempt: Scalars['Int']['output'];
  /** Null for interpreted languages and before compilation. */
  compile: Maybe<RunResult>;
  completedAt: Maybe<Scalars['DateTime']['output']>;
  /** What went wrong, for FAILED and CANCELLED. */
  error: Maybe<Scalars['String']['output']>;
  /** Time spent compiling and running, in milliseconds. */
  executionTimeMs: Maybe<Scalars['Int']['output']>;
  /** sandflow extension. Per test group of its problem, once it completes; empty without a problem. */
  groups: Array<GroupResult>;
  id: Scalars['ID']['output'];
  language: Scalars['ID']['output'];
  /** sandflow extension. The toolchain that judged it, as Language.version named it on the worker that took it up (e.g. "go version go1.27.4 linux/amd64"); null until then. */
  languageVersion: Maybe<Scalars['String']['output']>;
  limits: Limits;
  maxScore: Maybe<Scalars['Float']['output']>;
  /** sandflow extension. The problem it was judged against; null for inline test cases or a single run. */
  problemId: Maybe<Scalars['ID']['output']>;
  problemVersion: Maybe<Scalars['Int']['output']>;
  queuedAt: Scalars['DateTime']['output'];
  /** The single run of a submission without test cases. */
  run: Maybe<RunResult>;
  /** sandflow extension. Points scored against a scoring problem; null otherwise and until it completes. */
  score: Maybe<Scalars['Float']['output']>;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: SubmissionStatus;
  /** One per test case, in order. */
  testResults: Array<TestResult>;
  /** From queuedAt to completedAt, in milliseconds. */
  totalTimeMs: Maybe<Scalars['Int']['output']>;
  /** Null until the status is terminal. COMPLETED carries the program's verdict; FAILED carries INTERNAL_ERROR. */
  verdict: Maybe<Verdict>;
};

export type SubmissionConnection = {
  __typename?: 'SubmissionConnection';
  edges: Array<SubmissionEdge>;
  pageInfo: PageInfo;
};

export type SubmissionEdge = {
  __typename?: 'SubmissionEdge';
  cursor: Scalars['String']['output'];
  node: Submission;
};

export type SubmissionStatus =
  | 'CANCELLED'
  | 'COMPILING'
  | 'COMPLETED'
  | 'FAILED'
  | 'PREPARING'
  | 'QUEUED'
  | 'RUNNING';

export type SubmitInput = {
  args?: InputMaybe<Array<Scalars['String']['input']>>;
  compilerOptions?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Extra files placed beside the source, paths relative to the working directory. */
  files?: InputMaybe<Array<FileInput>>;
  /** A repeated key returns the first submission and starts nothing new. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  language: Scalars['ID']['input'];
  /** Omitted fields take the language's defaults; values above the deployment's maxima are rejected. */
  limits?: InputMaybe<LimitsInput>;
  /** sandflow extension. Judge against this problem's test data (yours or a public one): then testCases, stdin and limits must be left out; the problem's limits apply. */
  problemId?: InputMaybe<Scalars['ID']['input']>;
  /** sandflow extension. The problem's version to judge against; the newest when left out. */
  problemVersion?: InputMaybe<Scalars['Int']['input']>;
  source: Scalars['String']['input'];
  /** Standard input of the single run (ignored when testCases are given). */
  stdin?: InputMaybe<Scalars['String']['input']>;
  /** When given: compile once, run once per case, judge each output against expectedOutput. */
  testCases?: InputMaybe<Array<TestCaseInput>>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Emits the current state at once, then every status transition; completes after a terminal status (COMPLETED, FAILED, CANCELLED). */
  submissionUpdated: Submission;
};


export type SubscriptionSubmissionUpdatedArgs = {
  id: Scalars['ID']['input'];
};

export type TestCaseInput = {
  /** Compared line by line, ignoring trailing whitespace on each line and trailing blank lines. */
  expectedOutput?: InputMaybe<Scalars['String']['input']>;
  stdin?: InputMaybe<Scalars['String']['input']>;
};

export type TestResult = {
  __typename?: 'TestResult';
  /** sandflow extension. True for a secret case of a problem you do not own: result carries only verdict, times and memory (its stdout and stderr are empty). */
  hidden: Scalars['Boolean']['output'];
  index: Scalars['Int']['output'];
  /** sandflow extension. The problem's name of the case (e.g. secret/group1/01); null for inline test cases. */
  name: Maybe<Scalars['String']['output']>;
  result: RunResult;
  /** sandflow extension. Points the case scored in a scoring problem. */
  score: Maybe<Scalars['Float']['output']>;
  verdict: Verdict;
};

export type Verdict =
  | 'ACCEPTED'
  | 'COMPILATION_ERROR'
  | 'INTERNAL_ERROR'
  | 'MEMORY_LIMIT_EXCEEDED'
  | 'OUTPUT_LIMIT_EXCEEDED'
  | 'RUNTIME_ERROR'
  | 'TIME_LIMIT_EXCEEDED'
  | 'WRONG_ANSWER';



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CreateProblemInput: CreateProblemInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FileInput: FileInput;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GroupResult: ResolverTypeWrapper<GroupResult>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Language: ResolverTypeWrapper<Language>;
  Limits: ResolverTypeWrapper<Limits>;
  LimitsInput: LimitsInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Problem: ResolverTypeWrapper<ProblemRecord>;
  ProblemGroup: ResolverTypeWrapper<ProblemGroup>;
  ProblemType: ProblemType;
  ProblemVersion: ResolverTypeWrapper<ProblemVersionRecord>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  QueueStats: ResolverTypeWrapper<QueueStats>;
  RunResult: ResolverTypeWrapper<RunResult>;
  SampleCase: ResolverTypeWrapper<SampleCase>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Submission: ResolverTypeWrapper<SubmissionRecord>;
  SubmissionConnection: ResolverTypeWrapper<Omit<SubmissionConnection, 'edges'> & { edges: Array<ResolversTypes['SubmissionEdge']> }>;
  SubmissionEdge: ResolverTypeWrapper<Omit<SubmissionEdge, 'node'> & { node: ResolversTypes['Submission'] }>;
  SubmissionStatus: SubmissionStatus;
  SubmitInput: SubmitInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TestCaseInput: TestCaseInput;
  TestResult: ResolverTypeWrapper<TestResult>;
  Verdict: Verdict;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  CreateProblemInput: CreateProblemInput;
  DateTime: Scalars['DateTime']['output'];
  FileInput: FileInput;
  Float: Scalars['Float']['output'];
  GroupResult: GroupResult;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Language: Language;
  Limits: Limits;
  LimitsInput: LimitsInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Problem: ProblemRecord;
  ProblemGroup: ProblemGroup;
  ProblemVersion: ProblemVersionRecord;
  Query: Record<PropertyKey, never>;
  QueueStats: QueueStats;
  RunResult: RunResult;
  SampleCase: SampleCase;
  String: Scalars['String']['output'];
  Submission: SubmissionRecord;
  SubmissionConnection: Omit<SubmissionConnection, 'edges'> & { edges: Array<ResolversParentTypes['SubmissionEdge']> };
  SubmissionEdge: Omit<SubmissionEdge, 'node'> & { node: ResolversParentTypes['Submission'] };
  SubmitInput: SubmitInput;
  Subscription: Record<PropertyKey, never>;
  TestCaseInput: TestCaseInput;
  TestResult: TestResult;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GroupResultResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['GroupResult'] = ResolversParentTypes['GroupResult']> = {
  cases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxScore?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  passed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  skipped?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  verdict?: Resolver<Maybe<ResolversTypes['Verdict']>, ParentType, ContextType>;
};

export type LanguageResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Language'] = ResolversParentTypes['Language']> = {
  aliases?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  compiled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  defaultLimits?: Resolver<ResolversTypes['Limits'], ParentType, ContextType>;
  extensions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  family?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LimitsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Limits'] = ResolversParentTypes['Limits']> = {
  cpuTimeMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memoryMb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outputKb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  processes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  wallTimeMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  cancelSubmission?: Resolver<ResolversTypes['Submission'], ParentType, ContextType, RequireFields<MutationCancelSubmissionArgs, 'id'>>;
  createProblem?: Resolver<ResolversTypes['Problem'], ParentType, ContextType, RequireFields<MutationCreateProblemArgs, 'input'>>;
  deleteProblem?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteProblemArgs, 'id'>>;
  retrySubmission?: Resolver<ResolversTypes['Submission'], ParentType, ContextType, RequireFields<MutationRetrySubmissionArgs, 'id'>>;
  setProblemPublic?: Resolver<ResolversTypes['Problem'], ParentType, ContextType, RequireFields<MutationSetProblemPublicArgs, 'id' | 'public'>>;
  submit?: Resolver<ResolversTypes['Submission'], ParentType, ContextType, RequireFields<MutationSubmitArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProblemResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Problem'] = ResolversParentTypes['Problem']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  latestVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  owned?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  public?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  versions?: Resolver<Array<ResolversTypes['ProblemVersion']>, ParentType, ContextType>;
};

export type ProblemGroupResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ProblemGroup'] = ResolversParentTypes['ProblemGroup']> = {
  cases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxScore?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stopOnFirstFailure?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProblemVersionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ProblemVersion'] = ResolversParentTypes['ProblemVersion']> = {
  caseCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dataBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  groups?: Resolver<Array<ResolversTypes['ProblemGroup']>, ParentType, ContextType>;
  maxScore?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  memoryMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  problemId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  samples?: Resolver<Array<ResolversTypes['SampleCase']>, ParentType, ContextType>;
  timeLimitMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['ProblemType'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  languages?: Resolver<Array<ResolversTypes['Language']>, ParentType, ContextType>;
  problem?: Resolver<Maybe<ResolversTypes['Problem']>, ParentType, ContextType, RequireFields<QueryProblemArgs, 'id'>>;
  problemVersion?: Resolver<Maybe<ResolversTypes['ProblemVersion']>, ParentType, ContextType, RequireFields<QueryProblemVersionArgs, 'problemId'>>;
  problems?: Resolver<Array<ResolversTypes['Problem']>, ParentType, ContextType>;
  queueStats?: Resolver<ResolversTypes['QueueStats'], ParentType, ContextType>;
  submission?: Resolver<Maybe<ResolversTypes['Submission']>, ParentType, ContextType, RequireFields<QuerySubmissionArgs, 'id'>>;
  submissions?: Resolver<ResolversTypes['SubmissionConnection'], ParentType, ContextType, Partial<QuerySubmissionsArgs>>;
};

export type QueueStatsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['QueueStats'] = ResolversParentTypes['QueueStats']> = {
  backlog?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  maxConcurrency?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  queued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  running?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalSubmissions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  workers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RunResultResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RunResult'] = ResolversParentTypes['RunResult']> = {
  cpuTimeMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  exitCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  memoryKb?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  signal?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  stderr?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stdout?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  truncated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  wallTimeMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SampleCaseResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SampleCase'] = ResolversParentTypes['SampleCase']> = {
  answer?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  input?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SubmissionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Submission'] = ResolversParentTypes['Submission']> = {
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  compile?: Resolver<Maybe<ResolversTypes['RunResult']>, ParentType, ContextType>;
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  executionTimeMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  groups?: Resolver<Array<ResolversTypes['GroupResult']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  language?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  languageVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  limits?: Resolver<ResolversTypes['Limits'], ParentType, ContextType>;
  maxScore?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  problemId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  problemVersion?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  queuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  run?: Resolver<Maybe<ResolversTypes['RunResult']>, ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['SubmissionStatus'], ParentType, ContextType>;
  testResults?: Resolver<Array<ResolversTypes['TestResult']>, ParentType, ContextType>;
  totalTimeMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  verdict?: Resolver<Maybe<ResolversTypes['Verdict']>, ParentType, ContextType>;
};

export type SubmissionConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SubmissionConnection'] = ResolversParentTypes['SubmissionConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SubmissionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type SubmissionEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['SubmissionEdge'] = ResolversParentTypes['SubmissionEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Submission'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  submissionUpdated?: SubscriptionResolver<ResolversTypes['Submission'], "submissionUpdated", ParentType, ContextType, RequireFields<SubscriptionSubmissionUpdatedArgs, 'id'>>;
};

export type TestResultResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TestResult'] = ResolversParentTypes['TestResult']> = {
  hidden?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  result?: Resolver<ResolversTypes['RunResult'], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  verdict?: Resolver<ResolversTypes['Verdict'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ApiContext> = {
  DateTime?: GraphQLScalarType;
  GroupResult?: GroupResultResolvers<ContextType>;
  Language?: LanguageResolvers<ContextType>;
  Limits?: LimitsResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Problem?: ProblemResolvers<ContextType>;
  ProblemGroup?: ProblemGroupResolvers<ContextType>;
  ProblemVersion?: ProblemVersionResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  QueueStats?: QueueStatsResolvers<ContextType>;
  RunResult?: RunResultResolvers<ContextType>;
  SampleCase?: SampleCaseResolvers<ContextType>;
  Submission?: SubmissionResolvers<ContextType>;
  SubmissionConnection?: SubmissionConnectionResolvers<ContextType>;
  SubmissionEdge?: SubmissionEdgeResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TestResult?: TestResultResolvers<ContextType>;
};


import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { SubmissionRecord } from '../../db/submission-entity';
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

export type FileInput = {
  content: Scalars['String']['input'];
  path: Scalars['String']['input'];
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
  /** sandflow extension. Judges again a submission of yours that ended FAILED (verdict INTERNAL_ERROR: sandflow could not judge it), under a new workflow run: same id, status QUEUED again; the status log keeps the failed attempt. Counts against the submit rate. Any other state is BAD_USER_INPUT. */
  retrySubmission: Submission;
  /** Accepts the submission, persists it and starts its workflow; returns at once with status QUEUED (or the existing submission for a repeated idempotencyKey). */
  submit: Submission;
};


export type MutationCancelSubmissionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRetrySubmissionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSubmitArgs = {
  input: SubmitInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Languages this deployment can compile and run. */
  languages: Array<Language>;
  queueStats: QueueStats;
  submission: Maybe<Submission>;
  /** Newest first. */
  submissions: SubmissionConnection;
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
  id: Scalars['ID']['output'];
  language: Scalars['ID']['output'];
  /** sandflow extension. The toolchain that judged it, as Language.version named it on the worker that took it up (e.g. "go version go1.27.4 linux/amd64"); null until then. */
  languageVersion: Maybe<Scalars['String']['output']>;
  limits: Limits;
  queuedAt: Scalars['DateTime']['output'];
  /** The single run of a submission without test cases. */
  run: Maybe<RunResult>;
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
  index: Scalars['Int']['output'];
  result: RunResult;
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
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FileInput: FileInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Language: ResolverTypeWrapper<Language>;
  Limits: ResolverTypeWrapper<Limits>;
  LimitsInput: LimitsInput;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  QueueStats: ResolverTypeWrapper<QueueStats>;
  RunResult: ResolverTypeWrapper<RunResult>;
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
  DateTime: Scalars['DateTime']['output'];
  FileInput: FileInput;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Language: Language;
  Limits: Limits;
  LimitsInput: LimitsInput;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  QueueStats: QueueStats;
  RunResult: RunResult;
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
  retrySubmission?: Resolver<ResolversTypes['Submission'], ParentType, ContextType, RequireFields<MutationRetrySubmissionArgs, 'id'>>;
  submit?: Resolver<ResolversTypes['Submission'], ParentType, ContextType, RequireFields<MutationSubmitArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  languages?: Resolver<Array<ResolversTypes['Language']>, ParentType, ContextType>;
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

export type SubmissionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Submission'] = ResolversParentTypes['Submission']> = {
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  compile?: Resolver<Maybe<ResolversTypes['RunResult']>, ParentType, ContextType>;
  completedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  executionTimeMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  language?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  languageVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  limits?: Resolver<ResolversTypes['Limits'], ParentType, ContextType>;
  queuedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  run?: Resolver<Maybe<ResolversTypes['RunResult']>, ParentType, ContextType>;
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
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  result?: Resolver<ResolversTypes['RunResult'], ParentType, ContextType>;
  verdict?: Resolver<ResolversTypes['Verdict'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ApiContext> = {
  DateTime?: GraphQLScalarType;
  Language?: LanguageResolvers<ContextType>;
  Limits?: LimitsResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  QueueStats?: QueueStatsResolvers<ContextType>;
  RunResult?: RunResultResolvers<ContextType>;
  Submission?: SubmissionResolvers<ContextType>;
  SubmissionConnection?: SubmissionConnectionResolvers<ContextType>;
  SubmissionEdge?: SubmissionEdgeResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TestResult?: TestResultResolvers<ContextType>;
};


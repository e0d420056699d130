import type { Resolvers } from '../generated/resolvers-types';
import { Mutation } from './mutation';
import { Problem, ProblemVersion } from './problem';
import { Query } from './query';
import { DateTime } from './scalars';
import { Submission } from './submission';
import { Subscription } from './subscription';

export const resolvers: Resolvers = { DateTime, Query, Mutation, Subscription, Submission, Problem, ProblemVersion };

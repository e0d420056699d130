import { z } from 'zod';
import { languageShape, runResultShape } from '../common/api-shapes';

// What the API answers, checked before the page trusts it (the page is one more edge).

export const apiErrorSchema = z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).optional() });
export type ApiError = z.infer<typeof apiErrorSchema>;

export const responseSchema = z.object({ data: z.unknown().optional(), errors: z.array(apiErrorSchema).optional() });

export const languageSchema = languageShape.extend({
  defaultLimits: z.object({ cpuTimeMs: z.number(), wallTimeMs: z.number(), memoryMb: z.number() }),
});
export type Language = z.infer<typeof languageSchema>;
export const languagesSchema = z.object({ languages: z.array(languageSchema) });

export const runResultSchema = runResultShape;
export type RunResult = z.infer<typeof runResultSchema>;

export const submissionSchema = z.object({
  id: z.string(),
  status: z.string(),
  verdict: z.string().nullable(),
  error: z.string().nullable(),
  compile: runResultSchema.nullable(),
  run: runResultSchema.nullable(),
  testResults: z.array(z.object({ index: z.number(), verdict: z.string(), result: runResultSchema })),
});
export type Submission = z.infer<typeof submissionSchema>;

export const submittedSchema = z.object({ submit: z.object({ id: z.string() }) });
export const updateSchema = z.object({ submissionUpdated: submissionSchema });
export const cancelledSchema = z.object({ cancelSubmission: z.object({ id: z.string(), status: z.string() }) });

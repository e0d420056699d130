import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type { SubmissionStatus, Verdict } from './submission';

/* The custom search attributes of a submission's workflow, for filtering in the Web UI. Pure: workflows import it. */

export const LANGUAGE_KEY = defineSearchAttributeKey('SandflowLanguage', SearchAttributeType.KEYWORD);
export const STATUS_KEY = defineSearchAttributeKey('SandflowStatus', SearchAttributeType.KEYWORD);
export const VERDICT_KEY = defineSearchAttributeKey('SandflowVerdict', SearchAttributeType.KEYWORD);

/** Set when the workflow starts: no history event of its own. */
export function startAttributes(language: string): SearchAttributePair[] {
  return [
    { key: LANGUAGE_KEY, value: language },
    { key: STATUS_KEY, value: 'QUEUED' },
  ];
}

/** Set once, when the submission ends. */
export function statusAttributes(status: SubmissionStatus, verdict: Verdict | null): SearchAttributePair[] {
  return [{ key: STATUS_KEY, value: status }, ...(verdict ? [{ key: VERDICT_KEY, value: verdict }] : [])];
}

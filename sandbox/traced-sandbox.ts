import type { Sandbox } from './types';
import { withSpan } from '../common/tracing';

/**
 * Gives every sandbox job a span (a no-op while tracing is off), the child of the activity
 * span that asked for it: the last link of a submission's trace, the container run itself.
 */
export function tracedSandbox(inner: Sandbox): Sandbox {
  return {
    run: (spec, opts) =>
      withSpan(`sandbox.${spec.mode}`, { 'sandflow.image': spec.image, 'sandflow.sandbox_mode': spec.mode }, () =>
        inner.run(spec, opts),
      ),
    close: () => inner.close(),
  };
}

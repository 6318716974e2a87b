// Inbound validation (typebox and the protocol's schemas) is over half of the host
// bundle, and evaluating it at load would count as activation time. It is needed only
// when the webview's first message arrives, so it is loaded then: the build turns this
// import() into a require of dist/validate.js (scripts/lazyCorePlugin.mjs; under tsx and
// in tests it is the plain module). preloadValidator()
// starts that while the webview loads its page, so the first message rarely waits.
import type * as ValidateModule from './validate';

let loading: Promise<typeof ValidateModule> | undefined;

/** The validator module, evaluated on first use and reused after. */
export function loadValidator(): Promise<typeof ValidateModule> {
  loading ??= import('./validate');
  return loading;
}

/** Starts evaluating the validator in the background (errors surface on first use). */
export function preloadValidator(): void {
  void loadValidator().catch(() => undefined);
}

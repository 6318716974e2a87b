// Runs before Prism's core is evaluated (imported first by prism.ts): Prism reads these
// flags from the global it is about to replace. `manual`: never scan the page and
// highlight on its own (it would touch markup we render); no worker message handler.
(globalThis as { Prism?: unknown }).Prism = { manual: true, disableWorkerMessageHandler: true };
export {};

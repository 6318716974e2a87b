// The few mocha (TDD interface) functions the extension-host tests use; @vscode/test-cli
// brings mocha itself. Declared here so the project needs no @types/mocha.
declare module 'mocha' {
  type Done = (err?: unknown) => void;
  type Fn = (this: unknown, done?: Done) => void | Promise<unknown>;
  export function suite(title: string, fn: () => void): void;
  export function test(title: string, fn: Fn): void;
  export function suiteSetup(fn: Fn): void;
  export function suiteTeardown(fn: Fn): void;
  export function setup(fn: Fn): void;
  export function teardown(fn: Fn): void;
}

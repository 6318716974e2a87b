// A tool that does nothing and measures itself, for the loop-overhead areas (7, 8): the
// time between a response and the next request, minus this, is the core's.
import { performance } from 'node:perf_hooks';
import { Type } from '@sinclair/typebox';
import type { Tool } from '../../src/core/index';

/** `bench_noop`; each run's own duration (ms) is pushed to `times`. */
export function noopTool(times: number[]): Tool {
  return {
    name: 'bench_noop',
    description: 'Does nothing (benchmark).',
    parameters: Type.Object({ n: Type.Integer() }),
    mutates: false,
    async run() {
      const t0 = performance.now();
      const out = { success: true, output: 'ok' };
      times.push(performance.now() - t0);
      return out;
    },
  };
}

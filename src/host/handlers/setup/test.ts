import type { Handler } from '../types';

export const setupTest: Handler<'setup/test'> = (params, ctx) => ctx.config.testSetup(params);

import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { invalid } from '../errors.ts';
import { errorHandler } from './errors.ts';

const app = Fastify({ logger: false });
app.setErrorHandler(errorHandler);
app.get('/invalid-date', async () => new Date('2026-06-30T23:59:60Z').toISOString());
app.get('/domain', async () => {
  throw invalid('from', 'before to');
});
app.get('/bug', async () => {
  throw new TypeError('x is undefined');
});
afterAll(() => app.close());

describe('the error → status map', () => {
  it('answers an Invalid Date that reached a query with 400, not 500', async () => {
    const res = await app.inject('/invalid-date');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'validation_failed', reason: 'not a valid date' });
  });

  it('keeps field and reason of domain errors, and reports a bug as 500 without internals', async () => {
    expect((await app.inject('/domain')).json()).toMatchObject({
      error: 'validation_failed',
      field: 'from',
      reason: 'before to',
    });
    const bug = await app.inject('/bug');
    expect(bug.statusCode).toBe(500);
    expect(bug.body).not.toContain('undefined');
  });
});

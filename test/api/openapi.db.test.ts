// The OpenAPI document partners generate clients from: valid OpenAPI 3.1 (swagger-parser) and clean under
// Redocly's recommended rules (operationId, summary, 4xx answers, servers, licence, examples that fit).
import SwaggerParser from '@apidevtools/swagger-parser';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness/server.ts';
import { operationIdOf, summaryOf } from '../../server/platform/http/openapi.ts';

let s: TestServer;
let doc: {
  openapi: string;
  paths: Record<string, Record<string, { operationId?: string; summary?: string; responses: Record<string, unknown> }>>;
};
beforeAll(async () => {
  s = await startTestServer();
  doc = (await s.anonymous().get('/api/openapi.json')).body;
}, 120_000);
afterAll(async () => {
  await s?.close();
});

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("passes Redocly's recommended lint with no problem", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: '/openapi.json', config });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} @ ${p.location[0]?.pointer}`)).toEqual([]);
  }, 60_000);

  it('names every operation once and documents its error answers', () => {
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ops of Object.values(doc.paths))
      for (const o of Object.values(ops)) expect(Object.keys(o.responses)).toContain('400');
  });

  it('derives names for routes that give none', () => {
    expect(operationIdOf('get', '/api/v1/warnings/:id/workflow')).toBe('getWarningsByIdWorkflow');
    expect(operationIdOf('post', '/api/v1/case-intake/:id/take')).toBe('postCaseIntakeByIdTake');
    expect(summaryOf('get', '/api/v1/indicators/:id')).toBe('Get one of indicators');
    expect(summaryOf('post', '/api/v1/case-intake/:id/take')).toBe('Take (case intake)');
  });
});

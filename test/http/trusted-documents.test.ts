/**
 * Trusted documents and automatic persisted queries. With TRUSTED_DOCUMENTS=off anyone runs any
 * operation; with `anonymous`, a viewer without a token runs only the operations listed in
 * trusted-documents/public-portal.json (by the sha256 of the query text), signed-in users anything.
 * APQ: a hash-only request works after registration, and at once for a trusted document.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrustedDocuments } from '../../src/http/hardening.js';
import { codes, createHttpTestApp, post, signedIn, type HttpTestApp } from './test-app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const source = (name: string) => readFileSync(`trusted-documents/${name}.graphql`, 'utf8').trim();

const DIRECTORY = source('PublicEnterpriseDirectory');
const REFERENCE = source('PublicReferenceData');
const UNLISTED = '{ enterprises(first: 1) { totalCount } }';

function persisted(hash: string, query?: string) {
  return { ...(query === undefined ? {} : { query }), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
}

describe('trusted documents and persisted queries', () => {
  let h: HttpTestApp;
  let strict: FastifyInstance;

  beforeAll(async () => {
    h = await createHttpTestApp();
    strict = await h.variant({ trustedDocuments: 'anonymous' });
  });
  afterAll(() => h.close());

  it('the allow-list is the committed .graphql sources, keyed by the sha256 of their text', () => {
    const documents = loadTrustedDocuments();
    const sources = readdirSync('trusted-documents').filter((f) => f.endsWith('.graphql'));
    expect(sources.length).toBeGreaterThanOrEqual(2);
    expect(documents.size).toBe(sources.length);
    for (const file of sources) {
      const text = readFileSync(`trusted-documents/${file}`, 'utf8').trim();
      expect(documents.get(sha256(text)), file).toBe(text);
    }
  });

  describe('TRUSTED_DOCUMENTS=off', () => {
    it('an anonymous viewer runs any operation', async () => {
      // One enterprise in the public directory (a designation valid today), one outside it.
      const rng = randomFor(77);
      const listed = await makeEnterprise(h.t.orm.em, rng, { regionCode: '110000' });
      await makeDesignation(h.t.orm.em, listed, { level: 'ADVANTAGE', status: 'ACTIVE', batchYear: 2025, validFrom: '2025-01-01', validUntil: '2099-12-31' });
      await makeEnterprise(h.t.orm.em, rng, { regionCode: '110000' });
      const answer = await post(h.fastify, { query: UNLISTED });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.enterprises.totalCount).toBe(1);
    });
  });

  describe('TRUSTED_DOCUMENTS=anonymous', () => {
    it('an anonymous viewer runs a listed operation (exact text)', async () => {
      const answer = await post(strict, { query: DIRECTORY, variables: { filter: { search: '科技' }, first: 5 } });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.enterprises.edges.length).toBeLessThanOrEqual(5);
      const reference = await post(strict, { query: REFERENCE });
      expect(reference.body.errors).toBeUndefined();
      expect(reference.body.data.regions.length).toBeGreaterThan(30);
      expect(reference.body.data.industries.length).toBeGreaterThan(20);
    });

    it('an anonymous viewer is refused anything else: 400 PERSISTED_QUERY_NOT_ALLOWED, in Chinese, nothing run', async () => {
      // (An invalid unlisted query gets its parse or validation error first: Apollo gives plugins no
      // earlier point to refuse with a 4xx.)
      for (const query of [UNLISTED, `${DIRECTORY} `, '{ __schema { types { name } } }', '{ __typename }']) {
        const answer = await post(strict, { query });
        expect(answer.status, query).toBe(400);
        expect(codes(answer.body)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
        expect(answer.body.errors[0].message).toMatch(/未登录用户只能执行/);
        expect(answer.body.data).toBeUndefined();
      }
    });

    it('a mutation is refused for an anonymous viewer before it runs', async () => {
      const [before] = await h.t.sql<{ n: number }>('select count(*)::int as n from enterprise');
      const answer = await post(strict, {
        query: 'mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { enterprise { id } } }',
        variables: { input: { creditCode: '91110000000000000X', name: '测试', regionCode: '110000', industryCode: '39', sizeClass: 'SMALL', foundedOn: '2012-03-01' } },
      });
      expect(answer.status).toBe(400);
      expect(codes(answer.body)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
      const [after] = await h.t.sql<{ n: number }>('select count(*)::int as n from enterprise');
      expect(after!.n).toBe(before!.n);
    });

    it('a signed-in user runs any operation (and gets the usual validation errors)', async () => {
      const user = await signedIn(h);
      const answer = await post(strict, { query: UNLISTED }, user);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      const invalid = await post(strict, { query: '{ enterprises { secretField } }' }, user);
      expect(invalid.status).toBe(400);
      expect(codes(invalid.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    });

    it('a trusted document by hash only, without registering it first (POST and GET)', async () => {
      const answer = await post(strict, persisted(sha256(REFERENCE)));
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data.regions.length).toBeGreaterThan(30);

      const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(DIRECTORY) } }));
      const variables = encodeURIComponent(JSON.stringify({ first: 2 }));
      const get = await strict.inject({ method: 'GET', url: `/graphql?extensions=${extensions}&variables=${variables}`, headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
      expect(get.statusCode).toBe(200);
      expect(get.json().data.enterprises.edges.length).toBeLessThanOrEqual(2);
    });

    it('an operation a user registered as APQ is still refused to anonymous viewers by hash', async () => {
      const query = '{ bureaus { code } }';
      const user = await signedIn(h);
      const registered = await post(strict, persisted(sha256(query), query), user);
      expect(registered.body.errors).toBeUndefined();
      expect((await post(strict, persisted(sha256(query)), user)).body.data.bureaus.length).toBeGreaterThan(30);
      const anonymous = await post(strict, persisted(sha256(query)));
      expect(anonymous.status).toBe(400);
      expect(codes(anonymous.body)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
    });
  });

  describe('automatic persisted queries', () => {
    it('an unknown hash: PERSISTED_QUERY_NOT_FOUND (the client then sends the text)', async () => {
      const query = `{ regions { code name } __typename t${Date.now()}: __typename }`;
      const answer = await post(h.fastify, persisted(sha256(query)));
      expect(codes(answer.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    });

    it('a hash-only request works after registration', async () => {
      const query = '{ industries(level: SECTION) { code name } }';
      const registered = await post(h.fastify, persisted(sha256(query), query));
      expect(registered.status).toBe(200);
      expect(registered.body.errors).toBeUndefined();
      const again = await post(h.fastify, persisted(sha256(query)));
      expect(again.status).toBe(200);
      expect(again.body).toEqual(registered.body);
    });

    it('a hash that does not match the text, or an unknown APQ version: 400 BAD_REQUEST (not masked as internal)', async () => {
      const mismatch = await post(h.fastify, persisted(sha256('{ __typename }'), '{ regions { code } }'));
      expect(mismatch.status).toBe(400);
      expect(codes(mismatch.body)).toEqual(['BAD_REQUEST']);
      expect(mismatch.body.errors[0].message).toMatch(/sha256 与查询文本不符/);
      const version = await post(h.fastify, { query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: sha256('{ __typename }') } } });
      expect(version.status).toBe(400);
      expect(codes(version.body)).toEqual(['BAD_REQUEST']);
    });

    it('operation limits apply to registrations too', async () => {
      let selection = 'code';
      for (let i = 0; i < 11; i++) selection = `parent { ${selection} }`;
      const query = `{ regions { ${selection} } }`;
      const answer = await post(h.fastify, persisted(sha256(query), query));
      expect(answer.status).toBe(400);
      expect(codes(answer.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(codes((await post(h.fastify, persisted(sha256(query)))).body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    });
  });
});

/**
 * Regenerates trusted-documents/public-portal.json from trusted-documents/*.graphql:
 * { "<sha256 hex of the query text>": "<query text>" }. The query text is the file's content
 * without leading and trailing white space; clients send exactly that text (or only its hash, as an
 * automatic persisted query). Each file holds one named query, named like the file, valid against
 * schema/schema.graphql. With --check, exits 1 when the JSON file is stale.
 *
 *   npx tsx scripts/trusted-documents.ts [--check]
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildSchema, Kind, parse, validate, type OperationDefinitionNode } from 'graphql';

const DIR = path.resolve('trusted-documents');
const OUT = path.join(DIR, 'public-portal.json');
const SCHEMA = path.resolve('schema/schema.graphql');

const schema = buildSchema(await fs.readFile(SCHEMA, 'utf8'));
const files = (await fs.readdir(DIR)).filter((f) => f.endsWith('.graphql')).sort();
const documents: Record<string, string> = {};
const problems: string[] = [];

for (const file of files) {
  const text = (await fs.readFile(path.join(DIR, file), 'utf8')).trim();
  let document;
  try {
    document = parse(text);
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message}`);
    continue;
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const expected = path.basename(file, '.graphql');
  if (operations.length !== 1 || operations[0]!.operation !== 'query' || operations[0]!.name?.value !== expected) {
    problems.push(`${file}: must hold exactly one query, named ${expected}`);
  }
  for (const error of validate(schema, document)) problems.push(`${file}: ${error.message}`);
  documents[createHash('sha256').update(text).digest('hex')] = text;
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}

const json = JSON.stringify(documents, null, 2) + '\n';
const relative = path.relative(process.cwd(), OUT);
if (process.argv.includes('--check')) {
  const current = await fs.readFile(OUT, 'utf8').catch(() => '');
  if (current !== json) {
    console.error(`${relative} is stale: run \`npx tsx scripts/trusted-documents.ts\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${relative} is up to date (${files.length} documents).`);
} else {
  await fs.writeFile(OUT, json);
  console.log(`Wrote ${relative} (${files.length} documents).`);
}

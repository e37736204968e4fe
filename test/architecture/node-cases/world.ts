/** What the cases of test/architecture/node-implementations.test.ts share. */
import { toGlobalId } from '../../../src/common/node.js';
import type { TestApp } from '../../harness/app.js';
import type { Viewer } from '../../../src/context.js';
import { randomFor } from '../../harness/factories.js';

export const TODAY = '2026-06-15';
export const JS = '320000'; // Jiangsu: where everything below belongs
export const ZJ = '330000'; // Zhejiang: another jurisdiction
export const rng = randomFor(20_261_202);
export const gid = (type: string, key: string) => toGlobalId(type, key);


/** The viewers every instance is looked up by (built once the shared rows exist). */
export type ViewerName = 'anonymous' | 'national' | 'jiangsu' | 'zhejiang' | 'enterprise' | 'otherEnterprise' | 'expert' | 'serviceProvider';

/** What the cases share: an enterprise of Jiangsu, a member of its staff, a training base. */
export interface World {
  t: TestApp;
  enterpriseId: string;
  personId: string;
  baseId: string;
  nextCode(): string;
  /** The viewers every instance is looked up by (for types owned by one account, such as an export). */
  viewers: Record<ViewerName, Viewer>;
}

export interface Case {
  /** Creates one instance in the test database and returns its global id. */
  create(w: World): Promise<string>;
  /** Viewers who see it in its lists: node(id) answers it to them. */
  seenBy: ViewerName[];
  /** Viewers who do not see it in its lists: node(id) answers null to them. Only a public type has none, and says why. */
  hiddenFrom: ViewerName[] | { public: string };
}


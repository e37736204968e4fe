import type { AppModule } from './common/module.js';
import type { Visibility } from './common/policy.js';
import type { DimensionSpec, FactSpec, MeasureSpec } from './common/reporting.js';
import { MODULES } from './modules/index.js';
import { fromSources } from './common/reporting.js';
import { rollupColumns } from './modules/reporting/rollup.sql.js';

/** The statistics registry: every module's facts, measures and dimensions, checked once. */
export interface ReportingRegistry {
  facts: ReadonlyMap<string, FactSpec>;
  measures: ReadonlyMap<string, MeasureSpec>;
  dimensions: ReadonlyMap<string, DimensionSpec>;
  /** The visibility rule of each fact (its `visibleAs`, looked up in the policies). */
  visibility: ReadonlyMap<string, Visibility>;
}

let cached: ReportingRegistry | undefined;

/**
 * The registry from MODULES (as src/policies.ts derives the policies): a function, read when asked,
 * because the modules that use it are among those MODULES is made of.
 */
export function reportingRegistry(): ReportingRegistry {
  cached ??= buildRegistry(MODULES as readonly AppModule[]);
  return cached;
}

/** Builds and checks a registry; throws naming the first inconsistency (test/architecture/module-contract.test.ts). */
export function buildRegistry(modules: readonly AppModule[]): ReportingRegistry {
  const facts = new Map<string, FactSpec>();
  const measures = new Map<string, MeasureSpec>();
  const dimensions = new Map<string, DimensionSpec>();
  const visibilities = new Map<string, Visibility>();
  for (const m of modules) for (const [type, rule] of Object.entries(m.policy.visibility ?? {})) visibilities.set(type, rule);
  const add = <T extends { name: string }>(into: Map<string, T>, items: readonly T[] | undefined, what: string, module: string) => {
    for (const item of items ?? []) {
      if (into.has(item.name)) throw new Error(`reporting: ${what} ${item.name} of module ${module} is declared twice`);
      into.set(item.name, item);
    }
  };
  for (const m of modules) {
    add(facts, m.reporting?.facts, 'fact', m.name);
    add(measures, m.reporting?.measures, 'measure', m.name);
    add(dimensions, m.reporting?.dimensions, 'dimension', m.name);
  }
  const visibility = new Map<string, Visibility>();
  for (const fact of facts.values()) {
    const rule = visibilities.get(fact.visibleAs);
    if (!rule) throw new Error(`reporting: fact ${fact.name} counts rows as ${fact.visibleAs}, which no policy gives a visibility rule`);
    visibility.set(fact.name, rule);
    for (const d of Object.keys(fact.dimensions)) {
      const dim = dimensions.get(d);
      if (!dim) throw new Error(`reporting: fact ${fact.name} maps dimension ${d}, which no module declares`);
      if (dim.derivedFrom) throw new Error(`reporting: fact ${fact.name} maps ${d}, which is derived from ${dim.derivedFrom.dimension}: map that instead`);
    }
  }
  for (const dim of dimensions.values()) {
    if (dim.derivedFrom && !dimensions.has(dim.derivedFrom.dimension)) throw new Error(`reporting: dimension ${dim.name} is derived from unknown ${dim.derivedFrom.dimension}`);
    if (dim.derivedFrom && dim.public && dimensions.get(dim.derivedFrom.dimension)?.public) {
      throw new Error(`reporting: ${dim.name} and ${dim.derivedFrom.dimension} cannot both be public (one rolls up the other; their tables would subtract to hidden cells)`);
    }
    if (!/^[A-Z][A-Z0-9_]*$/.test(dim.name)) throw new Error(`reporting: dimension name ${dim.name} must be UPPER_SNAKE`);
  }
  for (const measure of measures.values()) {
    const fact = facts.get(measure.fact);
    if (!fact) throw new Error(`reporting: measure ${measure.name} aggregates unknown fact ${measure.fact}`);
    if (measure.public && !fact.publicScope) throw new Error(`reporting: measure ${measure.name} is public but fact ${fact.name} has no publicScope`);
    if (measure.public && !measure.additive) throw new Error(`reporting: public measure ${measure.name} must be additive (suppression protects totals of parts)`);
    if (!/^[A-Z][A-Z0-9_]*$/.test(measure.name)) throw new Error(`reporting: measure name ${measure.name} must be UPPER_SNAKE`);
    if (dimensions.has(measure.name)) throw new Error(`reporting: ${measure.name} is both a measure and a dimension`);
  }
  for (const fact of facts.values()) {
    const rollup = fact.rollup;
    if (!rollup) continue;
    if (!/^rpt_[a-z_]+$/.test(rollup.table)) throw new Error(`reporting: rollup ${rollup.table} of fact ${fact.name} must be named rpt_…`);
    if (fromSources(rollup.sources).sql !== fact.from.sql) throw new Error(`reporting: fact ${fact.name}'s from-clause must be fromSources(its rollup's sources)`);
    for (const d of rollup.dimensions) if (!fact.dimensions[d]) throw new Error(`reporting: rollup ${rollup.table} keeps ${d}, which fact ${fact.name} does not map`);
    for (const name of Object.keys(rollup.measures)) {
      if (measures.get(name)?.fact !== fact.name) throw new Error(`reporting: rollup ${rollup.table} answers ${name}, which is not a measure of fact ${fact.name}`);
      if (measures.get(name)!.stock) throw new Error(`reporting: rollup ${rollup.table} cannot answer ${name}: a stock is taken on the date asked`);
    }
    rollupColumns(fact, dimensions);
  }
  return { facts, measures, dimensions, visibility };
}

/**
 * The public expert directory [D 四(四)一]: admitted members of the public pools within their term,
 * public fields only (never a phone, e-mail or identity number). Also the public face of a training
 * session's instructors (training module).
 */
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { Context } from '../../context.js';
import { toGlobalId } from '../../common/node.js';
import { ConnectionArgs, connectionTypes, filteredQuery, keysetPage } from '../../common/pagination.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { anyOf, anyOfGiven, FALSE, or, prefixPattern, sql, trusted } from '../../common/sql.js';
import { Person, Specialty } from '../person/person.entity.js';
import { PoolMembership, PUBLIC_POOLS, TalentPool } from './pool-membership.entity.js';

@InputType('ExpertDirectoryFilter', { description: '专家名录筛选。' })
export class ExpertDirectoryFilter {
  @Field(() => [TalentPool], { nullable: true, description: '公开的人才库之一（专家咨询委员会、专家库、师资库）。' })
  pools?: TalentPool[] | null;
  @Field(() => [Specialty], { nullable: true, description: '专业领域之一。' })
  specialties?: Specialty[] | null;
  @Field(() => [String], { nullable: true, description: '技术领域（IPC）之一，前缀匹配，例如 H01 匹配 H01L。' })
  technicalFields?: string[] | null;
  @Field(() => [RegionCodeScalar], { nullable: true, description: '所在辖区之一。' })
  regionCodes?: string[] | null;
}

/** What the public expert directory shows of a person: public fields only. */
@ObjectType('ExpertDirectoryEntry', { description: '公开专家名录中的一项（仅公开信息，不含任何个人联系方式）。' })
export class ExpertDirectoryEntry {
  @Field(() => ID, { description: '条目 ID。' })
  id!: string;
  @Field(() => String, { description: '姓名。' })
  name!: string;
  @Field(() => String, { nullable: true, description: '工作单位。' })
  employer!: string | null;
  @Field(() => String, { nullable: true, description: '职务或职称。' })
  title!: string | null;
  @Field(() => RegionCodeScalar, { nullable: true, description: '所在辖区。' })
  regionCode!: string | null;
  @Field(() => [Specialty], { description: '专业领域。' })
  specialties!: Specialty[];
  @Field(() => [String], { description: '技术领域。' })
  technicalFields!: string[];
  @Field(() => [TalentPool], { description: '所在的公开人才库。' })
  pools!: TalentPool[];
}

/**
 * The public face of a person: public fields only, and the public pools they serve in today
 * (`memberships`: their admitted public-pool memberships, e.g. from
 * `ctx.loaders.talent.publicMembershipsByPerson`; others' are ignored).
 */
export function directoryEntry(p: Person, memberships: readonly PoolMembership[], today: string): ExpertDirectoryEntry {
  return Object.assign(new ExpertDirectoryEntry(), {
    id: toGlobalId('ExpertDirectoryEntry', p.id),
    name: p.name,
    employer: p.employer ?? null,
    title: p.title ?? null,
    regionCode: p.regionCode ?? null,
    specialties: p.specialties,
    technicalFields: p.technicalFields,
    pools: [...new Set(memberships.filter((m) => m.person.id === p.id && m.termStart! <= today && m.termEnd! >= today).map((m) => m.pool))],
  });
}

export const { Connection: ExpertDirectoryConnection } = connectionTypes(ExpertDirectoryEntry, 'ExpertDirectory', '专家名录');

export const expertDirectoryService = {
  /** One page of the directory by name (keyset on name, id), with the filters; two statements (three with totalCount). */
  async page(ctx: Context, args: ConnectionArgs, filter: ExpertDirectoryFilter | null | undefined) {
    const today = ctx.clock.today();
    const pools = (filter?.pools ?? PUBLIC_POOLS).filter((p) => PUBLIC_POOLS.includes(p));
    const prefixes = filter?.technicalFields?.map((f) => f.trim().toUpperCase()).filter(Boolean);
    const where = [
      sql`exists (select 1 from pool_membership m where m.person_id = p.id and m.status = 'ADMITTED' and ${anyOf(trusted('m.pool'), pools)}
                  and m.term_start <= ${today}::date and m.term_end >= ${today}::date)`,
      filter?.specialties ? (filter.specialties.length ? sql`jsonb_exists_any(p.specialties, array[${filter.specialties}]::text[])` : FALSE) : null,
      // IPC prefixes (H01 matches H01L); an empty list matches nothing.
      prefixes ? sql`exists (select 1 from jsonb_array_elements_text(p.technical_fields) f where ${or(...prefixes.map((x) => sql`f like ${prefixPattern(x)} escape '\\'`))})` : null,
      anyOfGiven(trusted('p.region_code'), filter?.regionCodes),
    ].filter((w) => w !== null);
    const page = await keysetPage<Person>({
      query: filteredQuery(ctx.em, Person, 'p', where),
      args,
      limits: ctx.config,
      orderKey: 'NAME:ASC',
      ascending: true,
      column: 'p.name',
      idColumn: 'p.id',
      cast: 'text',
      property: 'name',
      value: (p) => p.name,
      valueOk: (x) => typeof x === 'string' && x.length <= 100,
    });
    const memberships = (await Promise.all(page.edges.map((e) => ctx.loaders.talent.publicMembershipsByPerson.load(e.node.id)))).flat();
    return ExpertDirectoryConnection.from({ ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: directoryEntry(e.node, memberships, today) })) });
  },
};

-- The PostGraphile peer's API schema in an ipbench_<N> database (npm run bench in /work/main builds it).
-- Apply with: psql -h 127.0.0.1 -U postgres -d ipbench_100000 -v ON_ERROR_STOP=1 -f peer.sql
--
-- Only the schemas `peer` (exposed to GraphQL) and `peer_private` (helpers, not exposed) are created;
-- the application's tables in `public` are read through plain views and are not changed. Every rule
-- mirrors the API's (src/modules/designation/designation.rules.ts, enterprise.policy.ts,
-- enterprise.search.ts, common/reference-data.ts), so both return the same rows.

begin;

drop schema if exists peer cascade;
drop schema if exists peer_private cascade;
create schema peer;
create schema peer_private;

-- "Today" as the API sees it: the date in China Standard Time.
create function peer_private.today() returns date
  language sql stable parallel safe
  as $$ select (now() at time zone 'Asia/Shanghai')::date $$;

-- The API's search normalisation (normalizeSearch): NFKC, trimmed, runs of white space as one space, lower case.
create function peer_private.normalize_search(search text) returns text
  language sql immutable parallel safe
  as $$ select lower(regexp_replace(btrim(normalize(search, NFKC)), '\s+', ' ', 'g')) $$;

-- The grams a normalized query must find in enterprise.name_grams (queryGrams): the character of a
-- one-character query, otherwise every pair of adjacent characters.
create function peer_private.query_grams(q text) returns text[]
  language sql immutable parallel safe
  as $$
    select case when char_length(q) = 1 then array[q]
      else array(select distinct substr(q, i, 2) from generate_series(1, char_length(q) - 1) as i) end
  $$;

-- Plain (auto-updatable, inlined by the planner) views: the public columns of each table.
create view peer.region as
  select code, name, short_name, name_en, kind, parent_code, sort_order from public.region;
create view peer.industry as
  select code, name, level, parent_code, sort_order from public.industry;
create view peer.enterprise as
  select id, created_at, updated_at, credit_code, name, region_code, industry_code, size_class, address,
         founded_on, export_oriented, industry_leader, standard_certified_on, version
  from public.enterprise;
create view peer.designation as
  select id, enterprise_id, level, status, batch_year, valid_from, valid_until, ended_on,
         reexamined_on, reexamination_passed, reexamination_notes
  from public.designation;

comment on view peer.region is E'@primaryKey code\n@behavior -insert -update -delete';
comment on view peer.industry is E'@primaryKey code\n@behavior -insert -update -delete';
comment on view peer.enterprise is E'@primaryKey id\n@foreignKey (region_code) references peer.region (code)\n@foreignKey (industry_code) references peer.industry (code)\n@behavior -insert -update -delete';
comment on view peer.designation is E'@primaryKey id\n@foreignKey (enterprise_id) references peer.enterprise (id)\n@behavior -insert -update -delete';

-- designation.status as the API reports it today (effectiveStatus / Designation.statusOn).
create function peer.designation_current_status(d peer.designation) returns text
  language sql stable parallel safe
  as $$
    select case
      when (d.ended_on is not null and peer_private.today() < d.ended_on) or (d.ended_on is null and d.status in ('ACTIVE', 'EXPIRED'))
        then case when d.valid_until < peer_private.today() then 'EXPIRED' else 'ACTIVE' end
      else d.status end
  $$;

-- The designation valid today, demonstration before advantage (currentDesignationOf over the
-- loader's order valid_from desc, level desc, id desc).
create function peer.enterprise_current_designation(e peer.enterprise) returns peer.designation
  language sql stable parallel safe
  as $$
    select d.* from peer.designation d
    where d.enterprise_id = e.id
      and d.valid_from <= peer_private.today() and d.valid_until >= peer_private.today()
      and (case when d.ended_on is not null then peer_private.today() < d.ended_on else d.status in ('ACTIVE', 'EXPIRED') end)
    order by (d.level = 'DEMONSTRATION') desc, d.valid_from desc, d.level desc, d.id desc
    limit 1
  $$;

-- The stage on the three-stage path (EnterpriseResolver.stage).
create function peer.enterprise_stage(e peer.enterprise) returns text
  language sql stable parallel safe
  as $$
    select coalesce(
      (select d.level from public.designation d
        where d.enterprise_id = e.id
          and d.valid_from <= peer_private.today() and d.valid_until >= peer_private.today()
          and (case when d.ended_on is not null then peer_private.today() < d.ended_on else d.status in ('ACTIVE', 'EXPIRED') end)
        order by (d.level = 'DEMONSTRATION') desc
        limit 1),
      case when e.standard_certified_on is not null then 'STANDARD_IMPLEMENTATION' else 'NONE' end)
  $$;

-- The public directory (publicDirectory / holdsTitleOn, today) whose name contains `search`
-- (searchCondition: the query's grams in the name_grams GIN index; a query of more than two
-- characters also rechecked with LIKE).
-- Not STRICT and one SELECT, so PostgreSQL inlines it into PostGraphile's query.
create function peer.public_directory_search(search text) returns setof peer.enterprise
  language sql stable parallel safe
  as $$
    select e.id, e.created_at, e.updated_at, e.credit_code, e.name, e.region_code, e.industry_code, e.size_class, e.address,
           e.founded_on, e.export_oriented, e.industry_leader, e.standard_certified_on, e.version
    from public.enterprise e
    where exists (
        select 1 from public.designation hd
        where hd.enterprise_id = e.id
          and hd.valid_from <= peer_private.today() and hd.valid_until >= peer_private.today()
          and (case when hd.ended_on is not null then peer_private.today() < hd.ended_on else hd.status in ('ACTIVE', 'EXPIRED') end))
      and e.name_grams @> peer_private.query_grams(peer_private.normalize_search(search))
      and (char_length(peer_private.normalize_search(search)) <= 2
        or lower(e.name) like '%' || replace(replace(replace(peer_private.normalize_search(search), '\', '\\'), '%', '\%'), '_', '\_') || '%')
  $$;
comment on function peer.public_directory_search(text) is E'@behavior +order';

-- The public directory in some jurisdictions; with include_sub_jurisdictions also those directly
-- under them (ReferenceData.regionCodes: 440000 brings 440300).
create function peer.public_directory_in_regions(region_codes text[], include_sub_jurisdictions boolean default false) returns setof peer.enterprise
  language sql stable parallel safe
  as $$
    select e.id, e.created_at, e.updated_at, e.credit_code, e.name, e.region_code, e.industry_code, e.size_class, e.address,
           e.founded_on, e.export_oriented, e.industry_leader, e.standard_certified_on, e.version
    from public.enterprise e
    where exists (
        select 1 from public.designation hd
        where hd.enterprise_id = e.id
          and hd.valid_from <= peer_private.today() and hd.valid_until >= peer_private.today()
          and (case when hd.ended_on is not null then peer_private.today() < hd.ended_on else hd.status in ('ACTIVE', 'EXPIRED') end))
      and e.region_code = any (region_codes || case when include_sub_jurisdictions
        then array(select r.code::text from public.region r where r.parent_code = any (region_codes)) else '{}'::text[] end)
  $$;
comment on function peer.public_directory_in_regions(text[], boolean) is E'@behavior +order';

commit;

import { Migration } from '@mikro-orm/migrations';

/**
 * The data version (src/common/data-version.ts): one row whose number every committed transaction
 * that changed data a response can show raises by one, at commit. Tracked: every table but the
 * private ones below. A table created later is tracked by its own migration:
 * `select ip_track_data_version('<table>')` (a test checks).
 */
export class Migration20261202002056_data_version extends Migration {

  override name = 'Migration20261202002056_data_version';

  override up(): void | Promise<void> {
    this.addSql(`create table "data_version" ("id" smallint primary key, "version" bigint not null);`);

    this.addSql(`alter table "data_version" add constraint "data_version_single_row_check" check ("id" = 1);`);

    this.addSql(`insert into "data_version" ("id", "version") values (1, 1);`);

    // Runs at commit (a deferred constraint trigger), once per transaction: the row lock it takes is
    // held only while the transaction commits, and the new number becomes visible with the change.
    this.addSql(`create function ip_bump_data_version() returns trigger language plpgsql as $$
      begin
        if current_setting('ip.data_version_bumped', true) = 'yes' then return null; end if;
        update data_version set version = version + 1 where id = 1;
        perform set_config('ip.data_version_bumped', 'yes', true);
        return null;
      end $$;`);

    this.addSql(`create function ip_track_data_version(t regclass) returns void language plpgsql as $$
      declare name text := (select relname from pg_class where oid = t);
      begin
        execute format('create constraint trigger %I after insert or update or delete on %s deferrable initially deferred for each row execute function ip_bump_data_version()', name || '_data_version', t);
        execute format('create trigger %I after truncate on %s for each statement execute function ip_bump_data_version()', name || '_data_version_truncate', t);
      end $$;`);

    // Private tables change on every sign-in or write and no response to the public shows them.
    this.addSql(`select ip_track_data_version(c.oid)
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and n.nspname = current_schema()
        and c.relname not in ('data_version', 'mikro_orm_migrations', 'session', 'app_user', 'audit_entry', 'system_meta');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`do $$ declare r record; begin
      for r in select tgname, tgrelid::regclass as rel from pg_trigger where tgname like '%\\_data\\_version' or tgname like '%\\_data\\_version\\_truncate' loop
        execute format('drop trigger %I on %s', r.tgname, r.rel);
      end loop; end $$;`);
    this.addSql(`drop function if exists ip_track_data_version(regclass);`);
    this.addSql(`drop function if exists ip_bump_data_version();`);
    this.addSql(`drop table if exists "data_version" cascade;`);
  }

}

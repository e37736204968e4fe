import { Migration } from '@mikro-orm/migrations';

export class Migration20261122041434_files_attachments extends Migration {

  override name = 'Migration20261122041434_files_attachments';

  override up(): void | Promise<void> {
    this.addSql(`create table "stored_file" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "file_name" varchar(200) not null, "content_type" varchar(100) not null, "size" int not null, "sha256" varchar(64) not null, "storage_key" varchar(80) not null, "uploaded_by" uuid not null, "enterprise_id" uuid null, "region_code" varchar(6) null, primary key ("id"));`);
    this.addSql(`create index "stored_file_uploaded_by_idx" on "stored_file" ("uploaded_by");`);

    // Existing applications get an empty list; new rows always set it.
    this.addSql(`alter table "demonstration_application" add "attachment_ids" jsonb not null default '[]';`);
    this.addSql(`alter table "demonstration_application" alter column "attachment_ids" drop default;`);

    this.addSql(`alter table "stored_file" add constraint "stored_file_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "stored_file" cascade;`);

    this.addSql(`alter table "demonstration_application" drop column "attachment_ids";`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}

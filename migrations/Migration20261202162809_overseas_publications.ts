import { Migration } from '@mikro-orm/migrations';

/** Issue 17: overseas IP operation guides and foreign IP environment reports; tracked by the data version. */
export class Migration20261202162809_overseas_publications extends Migration {
  override name = 'Migration20261202162809_overseas_publications';

  override up(): void | Promise<void> {
    this.addSql(`create table "overseas_publication" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "organization_id" uuid null, "kind" text not null, "country_codes" jsonb not null, "title" varchar(200) not null, "summary" text not null, "language" varchar(20) not null, "attachment_ids" jsonb not null default '[]', "status" text not null default 'DRAFT', "published_at" timestamptz(3) null, "withdraw_reason" text null, "created_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "overseas_publication_attachments_idx" on "overseas_publication" using gin ("attachment_ids" jsonb_path_ops);`);
    this.addSql(`create index "overseas_publication_countries_idx" on "overseas_publication" using gin ("country_codes" jsonb_path_ops);`);
    this.addSql(`create index "overseas_publication_created_idx" on "overseas_publication" ("created_at", "id");`);
    this.addSql(`alter table "overseas_publication" add constraint "overseas_publication_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete cascade;`);
    this.addSql(`alter table "overseas_publication" add constraint "overseas_publication_published_check" check (("status" = 'DRAFT') = ("published_at" is null));`);
    this.addSql(`alter table "overseas_publication" add constraint "overseas_publication_kind_check" check ("kind" in ('OPERATION_GUIDE', 'ENVIRONMENT_REPORT'));`);
    this.addSql(`alter table "overseas_publication" add constraint "overseas_publication_status_check" check ("status" in ('DRAFT', 'PUBLISHED', 'WITHDRAWN'));`);

    this.addSql(`select ip_track_data_version('overseas_publication');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "overseas_publication" cascade;`);
  }
}

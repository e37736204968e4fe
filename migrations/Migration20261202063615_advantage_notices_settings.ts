import { Migration } from '@mikro-orm/migrations';

export class Migration20261202063615_advantage_notices_settings extends Migration {

  override name = 'Migration20261202063615_advantage_notices_settings';

  override up(): void | Promise<void> {
    this.addSql(`alter table "programme_settings" add "advantage_notice_working_days" int not null default 0, add "commissioner_max_enterprises" int not null default 5;`);

    this.addSql(`alter table "public_notice" add "level" text not null default 'DEMONSTRATION', add "region_code" varchar(6) null;`);
    this.addSql(`alter table "public_notice" add constraint "public_notice_level_check" check ("level" in ('ADVANTAGE', 'DEMONSTRATION'));`);

    this.addSql(`alter table "advantage_application" drop constraint "advantage_application_status_check";`);
    this.addSql(`alter table "advantage_application" add "notice_id" uuid null;`);
    this.addSql(`create index "advantage_application_notice_idx" on "advantage_application" ("notice_id");`);
    this.addSql(`alter table "advantage_application" add constraint "advantage_application_status_check" check ("status" in ('DRAFT', 'SUBMITTED', 'REJECTED_BY_PROVINCE', 'RECOMMENDED', 'NOT_CONFIRMED', 'IN_NOTICE', 'OBJECTION_UPHELD', 'DESIGNATED'));`);

    this.addSql(`alter table "objection" add "advantage_application_id" uuid null;`);
    this.addSql(`alter table "objection" add constraint "objection_advantage_application_id_foreign" foreign key ("advantage_application_id") references "advantage_application" ("id") on delete cascade;`);
    this.addSql(`alter table "objection" alter column "application_id" drop not null;`);
    this.addSql(`create index "objection_advantage_application_idx" on "objection" ("advantage_application_id", "status");`);
    this.addSql(`alter table "objection" add constraint "objection_one_application_check" check (num_nonnulls("application_id", "advantage_application_id") = 1);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "objection" drop constraint "objection_one_application_check";`);
    this.addSql(`drop index "objection_advantage_application_idx";`);
    this.addSql(`delete from "objection" where "application_id" is null;`);
    this.addSql(`alter table "objection" alter column "application_id" set not null;`);
    this.addSql(`alter table "objection" drop constraint "objection_advantage_application_id_foreign";`);
    this.addSql(`alter table "objection" drop column "advantage_application_id";`);

    this.addSql(`alter table "advantage_application" drop constraint "advantage_application_status_check";`);
    this.addSql(`update "advantage_application" set "status" = 'NOT_CONFIRMED' where "status" in ('IN_NOTICE', 'OBJECTION_UPHELD');`);
    this.addSql(`drop index "advantage_application_notice_idx";`);
    this.addSql(`alter table "advantage_application" drop column "notice_id";`);
    this.addSql(`alter table "advantage_application" add constraint "advantage_application_status_check" check ("status" in ('DRAFT', 'SUBMITTED', 'REJECTED_BY_PROVINCE', 'RECOMMENDED', 'NOT_CONFIRMED', 'DESIGNATED'));`);

    this.addSql(`delete from "public_notice" where "level" = 'ADVANTAGE';`);
    this.addSql(`alter table "public_notice" drop constraint "public_notice_level_check";`);
    this.addSql(`alter table "public_notice" drop column "level", drop column "region_code";`);

    this.addSql(`alter table "programme_settings" drop column "advantage_notice_working_days", drop column "commissioner_max_enterprises";`);
  }
}

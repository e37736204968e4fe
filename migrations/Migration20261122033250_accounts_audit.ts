import { Migration } from '@mikro-orm/migrations';

export class Migration20261122033250_accounts_audit extends Migration {

  override name = 'Migration20261122033250_accounts_audit';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_entry" ("id" uuid not null, "at" timestamptz(3) not null, "user_id" uuid null, "username" varchar(64) null, "role" varchar(32) not null, "scope" jsonb not null, "operation" varchar(64) not null, "object_type" varchar(64) not null, "object_id" varchar(64) not null, "jurisdiction" varchar(6) null, "changes" jsonb not null, "request_id" varchar(64) not null, "client_address" varchar(64) null, primary key ("id"));`);
    this.addSql(`create index "audit_entry_object_idx" on "audit_entry" ("object_type", "object_id");`);
    this.addSql(`create index "audit_entry_jurisdiction_at_idx" on "audit_entry" ("jurisdiction", "at");`);
    this.addSql(`create index "audit_entry_at_id_idx" on "audit_entry" ("at", "id");`);

    this.addSql(`create table "person" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "name" varchar(100) not null, "employer" varchar(200) null, "title" varchar(100) null, "expertise" varchar(300) null, "phone" varchar(50) null, "email" varchar(200) null, "identity_number" varchar(30) null, primary key ("id"));`);

    this.addSql(`create table "service_organization" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "name" varchar(200) not null, "kind" text not null, "region_code" varchar(6) null, "country" varchar(80) null, "contact_phone" varchar(50) null, "contact_email" varchar(200) null, primary key ("id"));`);
    this.addSql(`create index "service_organization_region_code_idx" on "service_organization" ("region_code");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "username" varchar(64) not null, "display_name" varchar(100) not null, "password_hash" varchar(200) not null, "role" text not null, "region_code" varchar(6) null, "enterprise_id" uuid null, "organization_id" uuid null, "person_id" uuid null, "phone" varchar(50) null, "email" varchar(200) null, "disabled" boolean not null default false, "password_changed_at" timestamptz(3) not null, "last_login_at" timestamptz(3) null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);
    this.addSql(`create index "app_user_region_code_idx" on "app_user" ("region_code");`);
    this.addSql(`create index "app_user_enterprise_idx" on "app_user" ("enterprise_id");`);
    this.addSql(`create index "app_user_organization_idx" on "app_user" ("organization_id");`);
    this.addSql(`create index "app_user_person_idx" on "app_user" ("person_id");`);

    this.addSql(`create table "session" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "user_id" uuid not null, "family_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz(3) not null, "replaced_at" timestamptz(3) null, "revoked_at" timestamptz(3) null, "client_address" varchar(64) null, "user_agent" varchar(300) null, primary key ("id"));`);
    this.addSql(`create index "session_user_idx" on "session" ("user_id");`);
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_family_idx" on "session" ("family_id");`);

    this.addSql(`alter table "enterprise" add "contact_name" varchar(100) null, add "contact_phone" varchar(50) null, add "contact_email" varchar(200) null, add "internal_notes" text null;`);

    this.addSql(`alter table "service_organization" add constraint "service_organization_region_code_foreign" foreign key ("region_code") references "region" ("code") on delete set null;`);
    this.addSql(`alter table "service_organization" add constraint "service_organization_kind_check" check ("kind" in ('AGENCY', 'SERVICE_TEAM', 'TRAINING_BASE', 'OVERSEAS_STATION', 'RIGHTS_PROTECTION_CENTER'));`);

    this.addSql(`alter table "app_user" add constraint "app_user_region_code_foreign" foreign key ("region_code") references "region" ("code") on delete set null;`);
    this.addSql(`alter table "app_user" add constraint "app_user_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete restrict;`);
    this.addSql(`alter table "app_user" add constraint "app_user_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete restrict;`);
    this.addSql(`alter table "app_user" add constraint "app_user_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete restrict;`);
    this.addSql(`alter table "app_user" add constraint "app_user_scope_check" check (("role" = 'NATIONAL_ADMIN' and "region_code" is null and "enterprise_id" is null and "organization_id" is null and "person_id" is null) or ("role" = 'PROVINCIAL_ADMIN' and "region_code" is not null and "enterprise_id" is null and "organization_id" is null and "person_id" is null) or ("role" = 'ENTERPRISE_USER' and "enterprise_id" is not null and "region_code" is null and "organization_id" is null and "person_id" is null) or ("role" = 'SERVICE_PROVIDER' and "organization_id" is not null and "region_code" is null and "enterprise_id" is null and "person_id" is null) or ("role" = 'EXPERT' and "person_id" is not null and "region_code" is null and "enterprise_id" is null and "organization_id" is null));`);
    this.addSql(`alter table "app_user" add constraint "app_user_role_check" check ("role" in ('NATIONAL_ADMIN', 'PROVINCIAL_ADMIN', 'ENTERPRISE_USER', 'SERVICE_PROVIDER', 'EXPERT'));`);

    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app_user" drop constraint "app_user_person_id_foreign";`);
    this.addSql(`alter table "app_user" drop constraint "app_user_organization_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);
    this.addSql(`drop table if exists "person" cascade;`);
    this.addSql(`drop table if exists "service_organization" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);

    this.addSql(`alter table "enterprise" drop column "contact_name", drop column "contact_phone", drop column "contact_email", drop column "internal_notes";`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}

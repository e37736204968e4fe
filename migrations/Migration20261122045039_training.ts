import { Migration } from '@mikro-orm/migrations';

export class Migration20261122045039_training extends Migration {

  override name = 'Migration20261122045039_training';

  override up(): void | Promise<void> {
    this.addSql(`create table "training_program" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "title" varchar(200) not null, "tier" text not null, "format" text not null, "topics" jsonb not null, "host_id" uuid null, primary key ("id"));`);

    this.addSql(`create table "training_session" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "program_id" uuid not null, "starts_on" date not null, "ends_on" date not null, "place" varchar(200) null, "online_url" varchar(500) null, "region_code" varchar(6) null, "capacity" int not null, "registration_closes_on" date not null, primary key ("id"));`);
    this.addSql(`create index "training_session_starts_idx" on "training_session" ("starts_on");`);

    this.addSql(`create table "enrolment" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "session_id" uuid not null, "person_id" uuid not null, "status" text not null, "priority" text not null, "requested_at" timestamptz(3) not null, "requested_by" varchar(64) not null, "history" jsonb not null, primary key ("id"));`);
    this.addSql(`create index "enrolment_session_status_idx" on "enrolment" ("session_id", "status");`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_session_person_unique" unique ("session_id", "person_id");`);

    this.addSql(`alter table "training_program" add constraint "training_program_host_id_foreign" foreign key ("host_id") references "service_organization" ("id") on delete set null;`);
    this.addSql(`alter table "training_program" add constraint "training_program_tier_check" check ("tier" in ('SENIOR_EXECUTIVE', 'IP_MANAGER', 'IP_PRACTITIONER', 'OTHER'));`);
    this.addSql(`alter table "training_program" add constraint "training_program_format_check" check ("format" in ('MANAGER_FORUM', 'ONLINE_COURSE', 'MANAGEMENT_TRAINING', 'BUSINESS_SEMINAR', 'THEMATIC_SALON', 'STUDY_VISIT', 'INDUSTRY_PRACTICE', 'EXPORT_PRACTICE'));`);

    this.addSql(`alter table "training_session" add constraint "training_session_program_id_foreign" foreign key ("program_id") references "training_program" ("id") on delete cascade;`);
    this.addSql(`alter table "training_session" add constraint "training_session_dates_check" check ("ends_on" >= "starts_on" and "capacity" > 0);`);

    this.addSql(`alter table "enrolment" add constraint "enrolment_session_id_foreign" foreign key ("session_id") references "training_session" ("id") on delete cascade;`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete cascade;`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_status_check" check ("status" in ('BOOKED', 'WAITLISTED', 'CANCELLED'));`);
    this.addSql(`alter table "enrolment" add constraint "enrolment_priority_check" check ("priority" in ('DEMONSTRATION', 'ADVANTAGE', 'NONE'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "training_session" drop constraint "training_session_program_id_foreign";`);
    this.addSql(`alter table "enrolment" drop constraint "enrolment_session_id_foreign";`);

    this.addSql(`drop table if exists "training_program" cascade;`);
    this.addSql(`drop table if exists "training_session" cascade;`);
    this.addSql(`drop table if exists "enrolment" cascade;`);

    this.addSql(`create or replace function "ip_name_grams"("t" text) returns text[] security invoker immutable language sql as \$\$ select coalesce(array_agg(distinct g), '{}'::text[]) from (
        select substr(lower(t), i, 1) as g from generate_series(1, char_length(t)) as i
        union all
        select substr(lower(t), i, 2) from generate_series(1, char_length(t) - 1) as i
      ) grams \$\$;`);
  }

}

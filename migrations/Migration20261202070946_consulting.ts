import { Migration } from '@mikro-orm/migrations';

export class Migration20261202070946_consulting extends Migration {

  override name = 'Migration20261202070946_consulting';

  override up(): void | Promise<void> {
    // Consulting sessions (问诊咨询) [D 四(三)二] (src/modules/consulting, docs/consulting.md): sessions
    // offered by selected quality teams under a listing, with their seats counted on the row (a CHECK
    // keeps them within the capacity), and bookings of the enterprises' staff (one live booking per
    // person and session: a partial unique index), their outcome (a CONSULTATION service record) and rating.
    this.addSql(`create table "consulting_session" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "selection_id" uuid not null, "organization_id" uuid not null, "season_id" uuid null, "starts_at" timestamptz(3) not null, "duration_minutes" int not null, "topics" jsonb not null, "capacity" int not null, "seats_taken" int not null default 0, "mode" text not null, "location" varchar(200) null, "link" varchar(500) null, "region_code" varchar(6) not null, "note" text null, "status" text not null default 'SCHEDULED', "cancelled_at" timestamptz(3) null, "cancel_reason" text null, "created_by" varchar(64) not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "consulting_session_season_idx" on "consulting_session" ("season_id");`);
    this.addSql(`create index "consulting_session_region_idx" on "consulting_session" ("region_code", "starts_at");`);
    this.addSql(`create index "consulting_session_selection_idx" on "consulting_session" ("selection_id");`);
    this.addSql(`create index "consulting_session_organization_idx" on "consulting_session" ("organization_id", "starts_at");`);
    this.addSql(`create index "consulting_session_starts_idx" on "consulting_session" ("starts_at", "id");`);

    this.addSql(`create table "consulting_booking" ("id" uuid not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "session_id" uuid not null, "organization_id" uuid not null, "enterprise_id" uuid not null, "person_id" uuid not null, "questions" text not null, "status" text not null default 'BOOKED', "booked_by" varchar(64) not null, "cancelled_at" timestamptz(3) null, "cancelled_by" varchar(64) null, "cancel_reason" text null, "diagnosis" text null, "advice" text null, "outcome_recorded_at" timestamptz(3) null, "outcome_recorded_by" varchar(64) null, "service_record_id" uuid null, "rating" int null, "rating_comment" text null, "rated_at" timestamptz(3) null, "rated_by" varchar(64) null, primary key ("id"));`);
    this.addSql(`alter table "consulting_booking" add constraint "consulting_booking_service_record_unique" unique ("service_record_id");`);
    this.addSql(`create index "consulting_booking_created_idx" on "consulting_booking" ("created_at", "id");`);
    this.addSql(`create index "consulting_booking_organization_idx" on "consulting_booking" ("organization_id", "created_at", "id");`);
    this.addSql(`create index "consulting_booking_enterprise_idx" on "consulting_booking" ("enterprise_id", "created_at", "id");`);
    this.addSql(`create index "consulting_booking_session_idx" on "consulting_booking" ("session_id", "created_at", "id");`);
    this.addSql(`create unique index "consulting_booking_person_unique" on "consulting_booking" ("session_id", "person_id") where "status" <> 'CANCELLED';`);

    this.addSql(`alter table "consulting_session" add constraint "consulting_session_selection_id_foreign" foreign key ("selection_id") references "selected_service_team" ("id") on delete restrict;`);
    this.addSql(`alter table "consulting_session" add constraint "consulting_session_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete restrict;`);
    this.addSql(`alter table "consulting_session" add constraint "consulting_session_cancel_check" check (("status" = 'CANCELLED') = ("cancelled_at" is not null and "cancel_reason" is not null));`);
    this.addSql(`alter table "consulting_session" add constraint "consulting_session_place_check" check (("mode" = 'ONLINE' and "link" is not null) or ("mode" = 'ON_SITE' and "location" is not null));`);
    this.addSql(`alter table "consulting_session" add constraint "consulting_session_duration_check" check ("duration_minutes" >= 15 and "duration_minutes" <= 480);`);
    this.addSql(`alter table "consulting_session" add constraint "consulting_session_seats_check" check ("capacity" >= 1 and "capacity" <= 500 and "seats_taken" >= 0 and "seats_taken" <= "capacity");`);
    this.addSql(`alter table "consulting_session" add constraint "consulting_session_mode_check" check ("mode" in ('ONLINE', 'ON_SITE'));`);
    this.addSql(`alter table "consulting_session" add constraint "consulting_session_status_check" check ("status" in ('SCHEDULED', 'CANCELLED', 'HELD'));`);

    this.addSql(`alter table "consulting_booking" add constraint "consulting_booking_session_id_foreign" foreign key ("session_id") references "consulting_session" ("id") on delete cascade;`);
    this.addSql(`alter table "consulting_booking" add constraint "consulting_booking_organization_id_foreign" foreign key ("organization_id") references "service_organization" ("id") on delete restrict;`);
    this.addSql(`alter table "consulting_booking" add constraint "consulting_booking_enterprise_id_foreign" foreign key ("enterprise_id") references "enterprise" ("id") on delete cascade;`);
    this.addSql(`alter table "consulting_booking" add constraint "consulting_booking_person_id_foreign" foreign key ("person_id") references "person" ("id") on delete cascade;`);
    this.addSql(`alter table "consulting_booking" add constraint "consulting_booking_service_record_id_foreign" foreign key ("service_record_id") references "service_record" ("id") on delete restrict;`);
    this.addSql(`alter table "consulting_booking" add constraint "consulting_booking_outcome_check" check ("status" <> 'ATTENDED' or ("diagnosis" is not null and "advice" is not null and "service_record_id" is not null));`);
    this.addSql(`alter table "consulting_booking" add constraint "consulting_booking_rating_check" check ("rating" is null or ("rating" >= 1 and "rating" <= 5 and "status" = 'ATTENDED'));`);
    this.addSql(`alter table "consulting_booking" add constraint "consulting_booking_status_check" check ("status" in ('BOOKED', 'CANCELLED', 'ATTENDED', 'NO_SHOW'));`);

    this.addSql(`select ip_track_data_version('consulting_session');`);
    this.addSql(`select ip_track_data_version('consulting_booking');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "consulting_booking" cascade;`);
    this.addSql(`drop table if exists "consulting_session" cascade;`);
  }

}

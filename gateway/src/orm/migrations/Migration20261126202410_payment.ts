import { Migration } from '@mikro-orm/migrations';

export class Migration20261126202410_payment extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "payment_notification" ("id" bigserial primary key, "channel" text check ("channel" in ('ALIPAY', 'WECHAT_PAY', 'UNIONPAY')) not null, "channel_trade_no" varchar(64) null, "order_no" varchar(64) null, "amount_fen" int null, "source" varchar(10) not null, "outcome" text check ("outcome" in ('ACCEPTED', 'DUPLICATE', 'REJECTED')) not null, "reason" varchar(40) null, "raw_body" text null, "delivery_count" int not null default 1, "received_at" timestamptz not null, "last_received_at" timestamptz not null);`);
    this.addSql(`create index "payment_notification_order_no_index" on "payment_notification" ("order_no");`);
    this.addSql(`create unique index "payment_notification_trade_unique" on "payment_notification" ("channel", "channel_trade_no") where "outcome" <> 'REJECTED';`);

    this.addSql(`create table "payment_order" ("id" uuid not null, "order_no" varchar(24) not null, "application_id" uuid not null, "exam_unit_id" uuid not null, "channel" varchar(20) not null, "amount_fen" int not null, "status" text check ("status" in ('PENDING', 'PAID', 'CLOSED')) not null default 'PENDING', "close_reason" text check ("close_reason" in ('EXPIRED', 'WINDOW_ENDED', 'CANCELLED')) null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "paid_at" timestamptz null, "closed_at" timestamptz null, "channel_trade_no" varchar(64) null, "last_queried_at" timestamptz null, constraint "payment_order_pkey" primary key ("id"));`);
    this.addSql(`alter table "payment_order" add constraint "payment_order_order_no_unique" unique ("order_no");`);
    this.addSql(`create index "payment_order_application_id_index" on "payment_order" ("application_id");`);
    this.addSql(`create index "payment_order_exam_unit_id_index" on "payment_order" ("exam_unit_id");`);
    this.addSql(`create index "payment_order_status_created_index" on "payment_order" ("status", "created_at");`);
    this.addSql(`create unique index "payment_order_paid_per_application_unique" on "payment_order" ("application_id") where "status" = 'PAID';`);
    this.addSql(`create unique index "payment_order_live_per_application_unique" on "payment_order" ("application_id") where "status" = 'PENDING';`);

    this.addSql(`create table "payment_sim_trade" ("trade_no" varchar(64) not null, "order_no" varchar(24) not null, "channel" text check ("channel" in ('ALIPAY', 'WECHAT_PAY', 'UNIONPAY')) not null, "amount_fen" int not null, "status" varchar(10) not null, "paid_at" timestamptz null, "notify_attempts" int not null default 0, "notified_at" timestamptz null, constraint "payment_sim_trade_pkey" primary key ("trade_no"));`);
    this.addSql(`alter table "payment_sim_trade" add constraint "payment_sim_trade_order_no_unique" unique ("order_no");`);

    this.addSql(`alter table "payment_order" add constraint "payment_order_application_id_foreign" foreign key ("application_id") references "application" ("id") on update cascade;`);
    this.addSql(`alter table "payment_order" add constraint "payment_order_exam_unit_id_foreign" foreign key ("exam_unit_id") references "exam_unit" ("id") on update cascade;`);
    this.addSql(`alter table "payment_order" add constraint "payment_order_channel_foreign" foreign key ("channel") references "payment_channel" ("code") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "payment_notification" cascade;`);

    this.addSql(`drop table if exists "payment_order" cascade;`);

    this.addSql(`drop table if exists "payment_sim_trade" cascade;`);
  }

}

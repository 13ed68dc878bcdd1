-- One row per fired tick. The primary key decides which scheduler replica fires a tick:
-- INSERT ... ON CONFLICT DO NOTHING goes in for exactly one of them.
create table schedule_fires (
    job            text        not null, -- <function>.<EventName> of template.yaml
    scheduled_time timestamptz not null, -- the tick, <aws.scheduler.scheduled-time>
    fired_at       timestamptz not null, -- when the replica fired it
    instance       text        not null, -- which replica (TRADEBOT_INSTANCE_ID or host-pid)
    execution_id   uuid        not null, -- <aws.scheduler.execution-id>, the message id
    primary key (job, scheduled_time)
);

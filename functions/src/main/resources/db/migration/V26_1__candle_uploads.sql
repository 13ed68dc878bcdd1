-- Candle files too large for a synchronous request: uploaded to the object store, imported by a task.
create table candle_uploads (
    id          uuid primary key,
    user_id     uuid not null references users (id) on delete cascade,
    symbol      text not null,
    interval    text not null,
    object_key  text not null unique,
    status      text not null check (status in ('AWAITING_UPLOAD', 'QUEUED', 'IMPORTED', 'FAILED')),
    result      jsonb,
    errors      jsonb,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    updated_at  timestamptz not null
);
create index candle_uploads_user on candle_uploads (user_id, created_at desc);

-- A queued or running backtest or optimisation on a user strategy stores the pinned reference
-- user:<id>@<version> in request->>'strategy'. While the job is queued or running, the strategy's id,
-- derived from it, keeps a foreign key: the strategy cannot be deleted before the job has run (its
-- source would be gone when the worker compiles it), even when the delete races the submission.
-- A finished, failed or cancelled job derives null and holds nothing: its result is stored already.

-- Jobs whose strategy is gone already would fail when run: they fail now, saying why.
update backtests set status = 'failed', finished_at = now(),
       error = 'Its strategy was deleted before the backtest ran.'
where status in ('queued', 'running') and request ->> 'strategy' like 'user:%'
  and not exists (select 1 from user_strategies s
                  where s.id::text = lower(substring(request ->> 'strategy' from 6 for 36)));

update optimizations set status = 'failed', finished_at = now(),
       error = 'Its strategy was deleted before the optimisation ran.'
where status in ('queued', 'running') and request ->> 'strategy' like 'user:%'
  and not exists (select 1 from user_strategies s
                  where s.id::text = lower(substring(request ->> 'strategy' from 6 for 36)));

alter table backtests add column user_strategy_id uuid generated always as (
    case when status in ('queued', 'running') and request ->> 'strategy' like 'user:%'
         then cast(substring(request ->> 'strategy' from 6 for 36) as uuid) end) stored
    constraint backtests_user_strategy_fk references user_strategies (id);

create index backtests_user_strategy_idx on backtests (user_strategy_id) where user_strategy_id is not null;

alter table optimizations add column user_strategy_id uuid generated always as (
    case when status in ('queued', 'running') and request ->> 'strategy' like 'user:%'
         then cast(substring(request ->> 'strategy' from 6 for 36) as uuid) end) stored
    constraint optimizations_user_strategy_fk references user_strategies (id);

create index optimizations_user_strategy_idx on optimizations (user_strategy_id) where user_strategy_id is not null;

-- Order audit events name the API request (or the job) they came from and what they concern.
alter table audit_events add column request_id text;
alter table audit_events add column detail text;

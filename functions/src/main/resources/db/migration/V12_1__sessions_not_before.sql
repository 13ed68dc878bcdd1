-- "Sign out everywhere" and a password change: access tokens issued before this time are refused
-- by the authorizer. Null while the user never did either.
alter table users add column sessions_not_before timestamptz;

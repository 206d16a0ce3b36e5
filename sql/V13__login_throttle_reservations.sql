-- An attempt is now counted before its password is checked (a reservation), and given back when it succeeds:
-- a key whose only attempts succeeded is left at zero.
ALTER TABLE login_throttle DROP CONSTRAINT login_throttle_failures_check;
ALTER TABLE login_throttle ADD CONSTRAINT login_throttle_failures_check CHECK (failures >= 0);

-- Hostile, part A: leaves a global behind at load time, hoping another plugin reads it.
shared_secret = 42

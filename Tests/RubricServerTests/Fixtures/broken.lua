-- a plugin that does not compile: the reload must keep the last good rules
local broken = (

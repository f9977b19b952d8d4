-- luacheck from the repository root (`luacheck rules/`): the rules' own configuration
-- (rules/.luacheckrc) applies, with its file patterns anchored at rules/.
local config = {}
local chunk
if setfenv then  -- luacheck may run on Lua 5.1
  chunk = assert(loadfile("rules/.luacheckrc"))
  setfenv(chunk, config)
else
  chunk = assert(loadfile("rules/.luacheckrc", "t", config))
end
chunk()
std = config.std
read_globals = config.read_globals
max_line_length = config.max_line_length
exclude_files = { "rules/types/*", ".build/*", ".build-*/*" }

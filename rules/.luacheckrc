-- luacheck configuration matching the Rubric sandbox: Lua 5.4 builtins minus
-- what the sandbox removes, plus the plugin API globals.
std = "none"
read_globals = {
  "rule", "points", "exclude", "caution", "refer", "require_clearance", "limit_pressure", "note", "ask", "use", "catalog",
  "assert", "error", "ipairs", "pairs", "pcall", "xpcall", "rawequal", "rawget", "rawlen", "select",
  "tonumber", "tostring", "type", "print", "getmetatable", "setmetatable", "collectgarbage", "_VERSION",
  string = { fields = { "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "rep",
                        "reverse", "sub", "upper" } },
  table = { fields = { "concat", "insert", "move", "pack", "remove", "sort", "unpack" } },
  math = { fields = { "abs", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge", "log", "max", "maxinteger",
                      "min", "mininteger", "modf", "pi", "rad", "sin", "sqrt", "tan", "tointeger", "type", "ult" } },
  utf8 = { fields = { "char", "charpattern", "codepoint", "codes", "len", "offset" } },
}
max_line_length = 120
exclude_files = { "types/*" }

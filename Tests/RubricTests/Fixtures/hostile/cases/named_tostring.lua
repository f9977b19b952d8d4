-- tostring of a table with __name (no __tostring) gives the name, never "name: 0x55…".
rule {
  id = "hostile.named_tostring",
  title = "Prints a named table",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    local named = setmetatable({}, { __name = "Thing" })
    points("deep_tissue", 1, "tostring: " .. tostring(named) .. ", format: " .. string.format("%s", named)
      .. ", plain: " .. tostring({}) .. ", function: " .. tostring(print))
  end,
}

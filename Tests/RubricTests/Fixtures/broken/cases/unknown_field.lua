rule {
  id = "typo.field",
  title = "Reads a field that does not exist",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if client.agee then points("swedish", 1, "never") end
  end,
}

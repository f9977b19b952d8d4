rule {
  id = "typo.option",
  title = "A misspelt option of has_condition",
  kind = "contraindication",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    if client:has_condition("sciatica", { sdie = "left" }) then exclude("deep_tissue", "never") end
  end,
}

rule {
  id = "safety.broken",
  title = "A contraindication that crashes",
  kind = "contraindication",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    local meds = nil
    if meds.anticoagulant then exclude("deep_tissue", "never reached") end
  end,
}

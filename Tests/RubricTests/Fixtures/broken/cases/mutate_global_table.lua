seen = {}

rule {
  id = "state.counter",
  title = "Counts evaluations in a plugin-level table",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    seen[#seen + 1] = client.id
    points("swedish", #seen, "depends on how many profiles ran before")
  end,
}

rule {
  id = "pref.excludes",
  title = "A preference may not exclude",
  kind = "preference",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    exclude("deep_tissue", "the client dislikes it")
  end,
}

rule {
  id = "typo.technique",
  title = "A misspelt technique",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    points("deep_tisue", 1, "typo")
  end,
}

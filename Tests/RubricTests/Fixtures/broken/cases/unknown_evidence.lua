rule {
  id = "typo.evidence",
  title = "A misspelt source",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIHH" },
  apply = function() end,
}

rule {
  id = "claim.unsupported",
  title = "An unsupported claim that tries to add points",
  kind = "indication",
  grade = "unsupported",
  evidence = { "NCCIH" },
  apply = function(client)
    points("deep_tissue", 3, "flushes toxins")
  end,
}

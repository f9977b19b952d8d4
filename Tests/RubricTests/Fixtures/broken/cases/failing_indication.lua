rule {
  id = "indication.broken",
  title = "An indication that crashes",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    return client.age + 1
  end,
}

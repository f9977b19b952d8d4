-- A well-behaved plugin: Swedish massage gets one point for every client.
rule {
  id = "benign.swedish",
  title = "Always one point for Swedish massage",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    points("swedish", 1, "benign baseline point")
  end,
}

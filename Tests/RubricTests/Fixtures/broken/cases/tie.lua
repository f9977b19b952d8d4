rule {
  id = "tie.points",
  title = "Equal points for two techniques",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    points("trigger_point", 2, "same")
    points("acupressure", 2, "same")
  end,
}

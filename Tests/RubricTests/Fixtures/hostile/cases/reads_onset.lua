-- Reads client:onset for two symptoms, as a rule would (not hostile: a probe for the intake tests).
rule {
  id = "probe.onset",
  title = "Says what onset the profile gave",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    points("swedish", 1, "numbness " .. tostring(client:onset("numbness")) .. ", tingling " .. tostring(client:onset("tingling")))
  end,
}

rule {
  id = "order.pairs",
  title = "Builds a reason from a table with pairs",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    local t = { zeta = 1, alpha = 2, mid = 3, beta = 4, omega = 5, kappa = 6 }
    local keys = {}
    for k in pairs(t) do keys[#keys + 1] = k end
    points("swedish", 1, table.concat(keys, ","))
  end,
}

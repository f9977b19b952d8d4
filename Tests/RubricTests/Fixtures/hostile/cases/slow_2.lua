-- Rules that each run until their own time limit (the test turns the instruction limit off):
-- the rules of one plugin, and all rules together, have a time budget per evaluation too.
for i = 1, 3 do
  rule {
    id = "slow2.spin_" .. i,
    title = "Spins until stopped " .. i,
    kind = "indication",
    grade = "weak",
    evidence = { "NCCIH" },
    apply = function(client)
      if not client:has_flag("attack") then return end
      while true do end
    end,
  }
end

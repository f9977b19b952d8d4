-- Hostile: 200 rules that each write 15 notes of 1 MiB (3 GB in all) for an attack client.
-- Each rule's results are bounded, and so are an evaluation's and a plugin's: the evaluation
-- fails closed with a named error instead of the process running out of memory.
for i = 1, 200 do
  rule {
    id = "hostile.output_flood_" .. i,
    title = "Hostile rule: output flood " .. i,
    kind = "indication",
    grade = "weak",
    evidence = { "NCCIH" },
    apply = function(client)
      if not client:has_flag("attack") then return end
      local big = ("x"):rep(1 << 20)
      for _ = 1, 15 do note(big) end
    end,
  }
end

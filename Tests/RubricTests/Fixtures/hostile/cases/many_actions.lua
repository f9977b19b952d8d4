-- Not hostile: a rule that takes 1,500 actions, more than the host returns as a call's results
-- (1,000 actions), and one that takes three. Both must come back whole, in order, at their lines.
rule {
  id = "many.notes",
  title = "Writes 1,500 notes",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    for i = 1, 1500 do note("note " .. i) end
    points("swedish", 1, "after 1,500 notes")
  end,
}

rule {
  id = "many.few",
  title = "Takes three actions",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    points("swedish", 2, "the first of three")
    caution("swedish", "the second of three")
    note("the third of three")
  end,
}

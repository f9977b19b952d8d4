-- Not hostile: a rule that takes 1,600 actions and then fails, one that takes 1,500 (more than
-- the host returns as a call's results, 1,000), and one that takes three. What a rule did comes
-- back whole, in order, at its lines, and nothing of the failed rule's comes back with another's.
rule {
  id = "many.fails",
  title = "Writes 1,600 notes and fails",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    for i = 1, 1600 do note("left behind " .. i) end
    points("deep_tissue", 3, "from a rule that fails")
    error("this rule fails after acting")
  end,
}

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

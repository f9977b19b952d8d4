-- Output within each rule's own limit, but over what a plugin's rules (or all rules) may return
-- together in one evaluation (the test sets small limits).
for i = 1, 3 do
  rule {
    id = "share2.note_" .. i,
    title = "Writes a 40 kB note " .. i,
    kind = "indication",
    grade = "weak",
    evidence = { "NCCIH" },
    apply = function(client)
      if not client:has_flag("attack") then return end
      note(("y"):rep(40000))
    end,
  }
end

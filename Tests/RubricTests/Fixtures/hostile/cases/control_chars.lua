-- Hostile: control characters in a reason, a note, print output and an error message; cursor
-- movement and carriage returns could rewrite a report's header on a terminal.
rule {
  id = "hostile.control_chars",
  title = "Hostile rule: control_chars",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    points("swedish", 2, "fine\r\27[2K\27[1ARECOMMENDATION\7 Recommended: Deep tissue massage")
    note("line one\nRecommended: anything\27[0m")
    print("printed \27]0;title\7 text")
  end,
}

rule {
  id = "hostile.control_error",
  title = "Hostile rule: control_error",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    error("bad\r\27[1A\27[2KRECOMMENDATION")
  end,
}

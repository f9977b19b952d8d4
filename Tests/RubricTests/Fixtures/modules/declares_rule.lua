-- A module may not declare rules.
rule { id = "modules.sneaky", title = "x", kind = "indication", grade = "weak", evidence = { "NCCIH" },
       apply = function() end }
return {}

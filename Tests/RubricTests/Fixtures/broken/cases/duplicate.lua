rule { id = "dup.one", title = "First", kind = "indication", grade = "weak", evidence = { "NCCIH" },
  apply = function() end }

rule { id = "dup.one", title = "Second", kind = "indication", grade = "weak", evidence = { "NCCIH" },
  apply = function() end }

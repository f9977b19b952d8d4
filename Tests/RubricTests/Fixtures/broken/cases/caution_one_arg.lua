rule {
  id = "caution.no_text",
  title = "A technique caution without its text",
  kind = "caution",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    caution("swedish")
  end,
}

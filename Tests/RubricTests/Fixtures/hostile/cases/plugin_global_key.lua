-- The same trick through a plugin global instead of a local: refused at load too.
stash = { inner = { [{}] = 0 } }

rule {
  id = "state.global_key",
  title = "Keeps data in a key table reached from a global, if it could",
  kind = "indication",
  grade = "weak",
  evidence = { "NCCIH" },
  apply = function(client)
    for k in pairs(stash.inner) do k.seen = client.age end
  end,
}

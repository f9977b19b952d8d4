-- Hostile: a refer spec whose __index answers "emergency" to the first read of urgency (the
-- check) and free text to every later one (the record). The verb reads each field once.
rule {
  id = "hostile.refer_twice",
  title = "Hostile rule: refer_twice",
  kind = "referral",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    if not client:has_flag("attack") then return end
    local reads = 0
    refer(setmetatable({ reason = "a referral whose urgency changes between reads" }, {
      __index = function(_, k)
        if k ~= "urgency" then return nil end
        reads = reads + 1
        return reads == 1 and "emergency" or "whenever you like"
      end,
    }))
  end,
}

-- docs/examples/writing-rules/neck_pain.lua
-- Neck pain: the worked example of docs/writing-rules.md (not a shipped rule).

rule {
  id = "guide.neck_pain_swedish",
  title = "Gentle Swedish massage for neck pain",
  kind = "indication",
  grade = "weak",
  evidence = { "Sherman-2014" },
  apply = function(client)
    if client:has_condition("neck_pain") then
      points("swedish", 1, "Neck pain: longer, more frequent sessions helped in one trial (Sherman 2014); "
        .. "the evidence is low")
    end
  end,
}

rule {
  id = "guide.neck_pain_older_client",
  title = "Older clients with neck pain: no more than medium pressure",
  kind = "caution",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    local age = client.age
    if age and age >= 75 and client:has_condition("neck_pain") then
      limit_pressure("medium", "the client is " .. age .. " and has neck pain")
    end
  end,
}

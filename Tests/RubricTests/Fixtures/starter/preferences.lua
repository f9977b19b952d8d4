-- Preferences shape the ranking within what safety allows. Preference rules
-- can only add points: they can never undo an exclusion, a referral or a
-- pressure cap.

rule {
  id = "preference.requested_technique",
  title = "The client asked for this technique",
  kind = "preference",
  grade = "practice",
  evidence = { "004_e146a2be32526160.txt" },
  apply = function(client)
    local t = client:requested()
    if t then points(t, 2, "The client asked for " .. catalog.techniques[t].name) end
  end,
}

rule {
  id = "preference.relaxation_goal",
  title = "Relaxation, stress or sleep goals favour Swedish massage",
  kind = "preference",
  grade = "weak",
  evidence = { "003_c60ed9b40b84202d.txt", "002_70c18c4373de6cbd.txt" },
  apply = function(client)
    if client:has_goal("relaxation") or client:has_goal("stress_relief") or client:has_goal("sleep") then
      points("swedish", 1, "Calming, relaxing strokes suit the client's goal (relaxation, stress or sleep)")
    end
  end,
}

rule {
  id = "preference.oil_sensitivity",
  title = "Oil-sensitive clients: techniques that work on dry skin",
  kind = "preference",
  grade = "practice",
  evidence = { "001_2442861526bc30ee.txt" },
  apply = function(client)
    if client:oil_sensitive() then
      points("myofascial_release", 1, "Works without oil, which suits the client's oil sensitivity")
      points("acupressure", 1, "Works without oil, which suits the client's oil sensitivity")
    end
  end,
}

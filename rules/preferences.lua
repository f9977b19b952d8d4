-- Preferences and goals shape the ranking within what safety allows
-- (clinical brief §4.2: preferences never raise pressure above a safety cap).
--
-- Covers: the requested technique (+2); the preferred pressure (+1 to each
-- technique whose usual range includes it); goals: relaxation (claim 25,
-- "calms the nervous system"), stress relief (claim 5), sleep (claim 17),
-- mood (claim 18), mobility (claims 3 and 8), pain relief; oil sensitivity.
--
-- Preference rules only add points. They cannot undo an exclusion, a
-- referral or a pressure cap: the engine drops excluded techniques and adds
-- its own note when a request or a preferred pressure is overridden.
--
-- Sources: seeds 000_9920447d33fa3dd6.txt (S0: stress), 001_2442861526bc30ee.txt
-- (S1: myofascial release, range of motion, no oil), 002_70c18c4373de6cbd.txt
-- (S2: sleep, mood), 003_c60ed9b40b84202d.txt (S3: Swedish calms),
-- 004_e146a2be32526160.txt (S4: a therapist who tailors treatment);
-- Cherkin 2011 (no technique beat Swedish).

local S0, S1, S2 = "000_9920447d33fa3dd6.txt", "001_2442861526bc30ee.txt", "002_70c18c4373de6cbd.txt"
local S3, S4 = "003_c60ed9b40b84202d.txt", "004_e146a2be32526160.txt"

local LEVEL = { light = 1, medium = 2, firm = 3 }

rule {
  id = "preference.requested_technique",
  title = "The client asked for this technique",
  kind = "preference",
  grade = "practice",
  evidence = { S4 },
  apply = function(client)
    local t = client:requested()
    if t then points(t, 2, "The client asked for " .. catalog.techniques[t].name) end
  end,
}

rule {
  id = "preference.pressure",
  title = "Techniques usually given at the client's preferred pressure",
  kind = "preference",
  grade = "practice",
  evidence = { S4 },
  apply = function(client)
    -- p is the preference within any safety cap set before this rule runs; asked is what the client said
    local p, asked = client:prefers_pressure()
    if not p then return end
    local wanted = p == asked and ("the client's preferred " .. p .. " pressure")
      or (p .. " pressure (the client prefers " .. asked .. ", but a safety rule limits it to " .. p .. ")")
    for id, t in pairs(catalog.techniques) do
      local min, max = t.pressure.min, t.pressure.max
      if LEVEL[min] <= LEVEL[p] and LEVEL[p] <= LEVEL[max] then
        points(id, 1, "Usually given at " .. min .. " to " .. max .. " pressure, which includes " .. wanted)
      end
    end
  end,
}

rule {
  id = "preference.relaxation_goal",
  title = "Relaxation goal favours Swedish massage (claim 25: calms the nervous system)",
  kind = "preference", when = { goals = { "relaxation" } },
  grade = "weak",
  evidence = { S3, "Cherkin-2011" },
  apply = function(client)
    if client:has_goal("relaxation") then
      points("swedish", 1, "Slow, flowing strokes suit the client's goal of relaxation")
    end
  end,
}

rule {
  id = "preference.stress_relief_goal",
  title = "Stress relief goal (claim 5, weak evidence)",
  kind = "preference", when = { goals = { "stress_relief" } },
  grade = "weak",
  evidence = { S0, S2 },
  apply = function(client)
    if client:has_goal("stress_relief") then
      points("swedish", 1, "Relaxation massage may ease stress for a while, which the client wants (a seed "
        .. "article says stress worsens stenosis symptoms; low-quality evidence)")
    end
  end,
}

rule {
  id = "preference.sleep_goal",
  title = "Better sleep (claim 17, weak evidence)",
  kind = "preference", when = { goals = { "sleep" }, symptoms = { "poor_sleep" } },
  grade = "weak",
  evidence = { S2 },
  apply = function(client)
    local why
    if client:has_goal("sleep") then
      why = "the client wants to sleep better"
    elseif client:has_symptom("poor_sleep") then
      why = "the client sleeps poorly"
    end
    if why then
      points("swedish", 1, "A calming session may help sleep (" .. why .. "); a seed article claims this, "
        .. "and the evidence is weak")
    end
  end,
}

rule {
  id = "preference.mood_goal",
  title = "Mood, anxiety or sadness with chronic pain (claim 18, weak evidence)",
  kind = "preference", when = { goals = { "mood" }, symptoms = { "low_mood", "anxiety" } },
  grade = "weak",
  evidence = { S2 },
  apply = function(client)
    local why
    if client:has_goal("mood") then
      why = "the client wants a better mood"
    elseif client:has_symptom("low_mood") then
      why = "the client reports low mood"
    elseif client:has_symptom("anxiety") then
      why = "the client reports anxiety"
    end
    if why then
      points("swedish", 1, "A relaxing session may lift mood for a while (" .. why .. "); a seed article credits "
        .. "endorphins, but that mechanism is unproven and the evidence is weak")
    end
  end,
}

rule {
  id = "preference.mobility_goal",
  title = "Mobility goal favours myofascial release (claims 3 and 8, weak evidence)",
  kind = "preference", when = { goals = { "mobility" } },
  grade = "weak",
  evidence = { S1, "Wu-2021" },
  apply = function(client)
    if client:has_goal("mobility") then
      points("myofascial_release", 1, "Slow, sustained stretching of the soft tissue suits the client's goal of "
        .. "moving more freely; evidence that it improves range of motion is very low (Wu 2021)")
    end
  end,
}

rule {
  id = "preference.pain_relief_goal",
  title = "Pain relief goal: no technique has been shown to beat Swedish",
  kind = "preference", when = { goals = { "pain_relief" } },
  grade = "supported",
  evidence = { "Cherkin-2011", "Cochrane-Furlan-2015" },
  apply = function(client)
    if client:has_goal("pain_relief") then
      note("The client wants pain relief: no massage technique has been shown to relieve pain better than "
        .. "Swedish massage (Cherkin 2011), and benefits are short-term (Furlan 2015). The ranking reflects "
        .. "safety, the client's preferences and weak seed claims, not proven superiority.")
    end
  end,
}

rule {
  id = "preference.oil_sensitivity",
  title = "Oil-sensitive clients: techniques that work without oil",
  kind = "preference",
  grade = "practice",
  evidence = { S1 },
  apply = function(client)
    if not client:oil_sensitive() then return end
    local why = "Works without oil, which suits the client's oil sensitivity"
    points("myofascial_release", 1, why)
    points("acupressure", 1, why)
    points("craniosacral", 1, why)
    caution("swedish", "The client is sensitive to oil: use an oil-free, fragrance-free medium or work "
      .. "through a sheet.")
  end,
}

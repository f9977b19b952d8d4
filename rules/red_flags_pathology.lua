-- Red flags of the spine, serious pathology: stop and refer (clinical brief
-- §2.4, §2.5).
--
-- Covers: spinal infection, malignancy, possible fracture after trauma, and
-- possible vertebral fracture without trauma in fragile bone. The
-- neurological red flags (cauda equina, bilateral sciatica, progressive
-- deficit) are in red_flags.lua.
--
-- Sources: Verhagen 2016 (red flags across 16 low back pain guidelines:
-- malignancy, infection, fracture); NICE NG59 1.1.1 (exclude cancer,
-- infection, trauma and inflammatory disease first); Downie 2013 (a history
-- of cancer is the red flag that clearly raises the chance of spinal
-- malignancy; older age, prolonged steroids and trauma for fracture).
--
-- Urgency, and why:
--   same_day   infection signs (fever, IV drug use) with spinal pain, or
--              immunosuppression with spinal pain that is not known to be
--              long-standing, because a spinal infection can progress quickly
--              and may show no fever in immunosuppressed people; trauma with
--              steroids, fragile bone or age 70 or over (possible fracture
--              needs imaging).
--   routine or same_day  malignancy: cancer history with unexplained weight
--              loss or night pain, or with back pain that is not known to be
--              long-standing (Downie 2013), needs prompt medical assessment
--              (within days) rather than an emergency visit, unless nerve
--              symptoms are present (possible spinal cord or root
--              compression), which makes it same day [inference].
--   routine    fragile bone or long-term steroids with recent or severe back
--              pain and no trauma: medical review before treatment.
--   caution    the same facts when the pain is long-standing, or when the
--              profile does not date it: the therapist asks before treating.
--
-- Onset: as in red_flags.lua, a condition's course stands in for it.

local spine = use "spine"
local spinal_pain, spinal_course = spine.spinal_pain, spine.spinal_course
local add, nerve_symptoms = spine.add, spine.nerve_symptoms

-- Immunosuppression in words (flags and medicine classes), as a list.
local function immunosuppression(client)
  local why = {}
  if client:has_flag("immunosuppressed") then why[#why + 1] = "immunosuppression" end
  if client:has_flag("chemotherapy") then why[#why + 1] = "chemotherapy" end
  for _, name in ipairs(client:medications_in("immunosuppressant")) do
    why[#why + 1] = name .. " (an immunosuppressant)"
  end
  return why
end

local FRACTURE_AGE = 70   -- Downie 2013 as clinical.md §2.5 gives it ("older age (>= 70)")

rule {
  id = "red_flag.spinal_infection",
  title = "Fever, infection or infection risk with back pain: same-day referral",
  kind = "referral",
  grade = "practice",
  evidence = { "Verhagen-2016", "NICE-NG59", "Ascension" },
  -- Immunosuppression is a risk factor, not a sign: with no fever, chills,
  -- infection or IV drug use recorded and pain the profile calls chronic, the
  -- rule does not assert an infection; it asks the therapist to check for
  -- signs before each session. With pain that is recent or of unknown onset
  -- it still refers the same day, because immunosuppressed people may have a
  -- spinal infection without fever (Verhagen 2016) [inference for the split].
  apply = function(client)
    local pain = spinal_pain(client)
    if not pain then return end   -- fever without spinal pain: see clearance.fever_or_infection
    local signs = {}
    add(signs, client:has_symptom("fever"), "fever")
    add(signs, client:has_symptom("chills"), "chills")
    add(signs, client:has_flag("systemic_infection"), "a current infection")
    add(signs, client:has_flag("iv_drug_use"), "intravenous drug use")
    local immune = immunosuppression(client)
    local advice = "Do not massage. The client should see a doctor today. If they feel very unwell, the fever "
      .. "is high, or new weakness or numbness appears, go to an emergency department."
    if #signs > 0 then
      for _, w in ipairs(immune) do signs[#signs + 1] = w end
      refer {
        urgency = "same_day",
        reason = "Possible spinal infection: " .. pain .. " together with " .. table.concat(signs, ", ")
          .. ". A spinal infection can progress quickly, and immunosuppressed people may have no fever.",
        advice = advice,
      }
    elseif #immune > 0 and spinal_course(client) == "chronic" then
      caution("Infection risk: " .. table.concat(immune, ", ") .. " with long-standing " .. pain .. ", and no "
        .. "fever or other infection sign is recorded. Before each session ask about fever, chills, feeling "
        .. "unwell, and pain that is new, worse or different: immunosuppressed people can have a spinal "
        .. "infection without fever, so any of these means a doctor today, not massage.")
    elseif #immune > 0 then
      refer {
        urgency = "same_day",
        reason = "Spinal infection cannot be ruled out: " .. pain .. " with " .. table.concat(immune, ", ")
          .. ", and the profile does not say the pain is long-standing. No fever is recorded, but "
          .. "immunosuppressed people may have no fever.",
        advice = advice,
      }
    end
  end,
}

rule {
  id = "red_flag.malignancy",
  title = "Cancer history with back pain, or weight loss with night pain: refer",
  kind = "referral",
  grade = "practice",
  evidence = { "Downie-2013", "Verhagen-2016", "NICE-NG59", "NCCIH" },
  -- Downie 2013: a history of cancer is the one red flag that clearly raises
  -- the probability of spinal malignancy, so cancer history with back pain is
  -- referred (routine, within days) even without weight loss or night pain,
  -- unless the profile says the pain is chronic: then the therapist asks
  -- whether a doctor has seen it and whether it has changed.
  apply = function(client)
    local history = client:has_flag("cancer_history") or client:has_condition("cancer", { status = "any" })
      or client:has_condition("bone_metastases", { status = "any" })
    local features = {}
    add(features, client:has_symptom("unexplained_weight_loss"), "unexplained weight loss")
    add(features, client:has_symptom("night_pain"), "night pain")
    local nerve = nerve_symptoms(client)
    local pain = spinal_pain(client)
    local reason
    if history and #features > 0 then
      reason = "Possible spinal malignancy: a history of cancer with " .. table.concat(features, " and ") .. "."
    elseif #features == 2 and pain then
      reason = "Possible serious cause of back pain: unexplained weight loss with night pain."
    elseif history and pain and spinal_course(client) == "chronic" and #nerve == 0 then
      ask("History of cancer with long-standing " .. pain .. ": ask whether a doctor has assessed the pain "
        .. "since the cancer was diagnosed and whether it has changed. Pain that is new, worse or different needs "
        .. "a doctor's review before treatment (a history of cancer raises the chance of a spinal cause, Downie 2013).")
      return
    elseif history and pain then
      local when = spinal_course(client) == "recent" and "recent" or "whose onset the profile does not give"
      reason = "Possible spinal malignancy: a history of cancer with " .. pain .. " (" .. when .. "). A history "
        .. "of cancer is the red flag that most clearly raises the chance of a spinal cause (Downie 2013), so a "
        .. "doctor should review the pain before treatment, even without weight loss or night pain."
    end
    if not reason then return end
    if #nerve > 0 then
      refer {
        urgency = "same_day",
        reason = reason .. " The client also reports " .. table.concat(nerve, ", ")
          .. ", which could mean pressure on the spinal cord or nerve roots.",
        advice = "Do not massage. The client should contact their doctor or cancer team today. If walking, "
          .. "bladder or bowel control get worse, go to an emergency department at once.",
      }
    else
      refer {
        urgency = "routine",
        reason = reason .. " No nerve symptoms are reported, so this needs prompt (within days) rather than "
          .. "emergency assessment.",
        advice = "Do not massage until a doctor has assessed this; ask the client to book an appointment within "
          .. "the next few days. If new weakness, numbness, or bladder or bowel changes appear, they need an "
          .. "emergency department the same day.",
      }
    end
  end,
}

rule {
  id = "red_flag.possible_fracture",
  title = "Trauma with steroids, fragile bone or age 70 or over: possible fracture, same-day referral",
  kind = "referral",
  grade = "practice",
  evidence = { "Verhagen-2016", "NICE-NG59", "Downie-2013" },
  apply = function(client)
    if not client:has_flag("recent_trauma") then return end
    local risk = {}
    local on, name = client:takes("corticosteroid")
    if on then risk[#risk + 1] = "takes " .. name .. " (a corticosteroid)" end
    if client:has_flag("steroid_use") and not on then risk[#risk + 1] = "uses steroids long term" end
    if client:has_flag("fragile_bone") then risk[#risk + 1] = "has fragile bone" end
    if client:has_condition("osteoporosis") then risk[#risk + 1] = "has osteoporosis" end
    if client:has_condition("osteopenia") then risk[#risk + 1] = "has osteopenia" end
    -- Downie 2013, clinical.md §2.5: older age (70 or over) with trauma such as a fall
    if client.age and client.age >= FRACTURE_AGE then risk[#risk + 1] = "is " .. client.age .. " (70 or over)" end
    if #risk > 0 then
      refer {
        urgency = "same_day",
        reason = "Possible fracture: recent trauma, and the client " .. table.concat(risk, " and ")
          .. ", so bone may have broken with little force.",
        advice = "Do not massage. The client should be examined by a doctor today (imaging may be needed). "
          .. "If pain is severe or numbness or weakness appears, go to an emergency department.",
      }
    elseif spinal_pain(client) then
      ask("Recent trauma with back or neck pain: ask whether a doctor has examined it before treating "
        .. "(guidelines ask that trauma be excluded first). Refer if pain is severe or there is numbness or weakness.")
    end
  end,
}

-- Without trauma: fragile bone or long-term steroids with new, acute or
-- severe back pain can be an osteoporotic vertebral fracture (Downie 2013;
-- Verhagen 2016), so a doctor reviews it before treatment (routine). Pain the
-- profile does not date is a question; chronic pain changes nothing here
-- (bone.fragile_light_pressure already caps the pressure).
rule {
  id = "red_flag.vertebral_fracture",
  title = "Fragile bone or long-term steroids with acute or severe back pain: medical review first",
  kind = "referral",
  grade = "practice",
  evidence = { "Downie-2013", "Verhagen-2016" },
  apply = function(client)
    if client:has_flag("recent_trauma") then return end   -- red_flag.possible_fracture
    local pain = spinal_pain(client)
    if not pain then return end
    local risk = {}
    add(risk, client:has_condition("osteoporosis"), "has osteoporosis")
    add(risk, client:has_flag("fragile_bone") and not client:has_condition("osteoporosis"), "has fragile bone")
    local on, name = client:takes("corticosteroid")
    if on then risk[#risk + 1] = "takes " .. name .. " (a corticosteroid)" end
    add(risk, client:has_flag("steroid_use") and not on, "uses steroids long term")
    for _, m in ipairs(client:medications_in("bone_medicine")) do
      risk[#risk + 1] = "takes " .. m .. " (a medicine for fragile bone)"
    end
    if #risk == 0 then return end
    local severe = client:has_symptom("sudden_severe_back_pain")
    for _, c in ipairs(client.conditions) do
      if c.active and c.severity == "severe" then severe = true end
    end
    local course = spinal_course(client)
    if course == "recent" or severe then
      refer {
        urgency = "routine",
        reason = "Possible vertebral fracture: the client " .. table.concat(risk, " and ") .. ", with "
          .. (severe and "severe " or "recent ") .. pain .. " and no trauma recorded. In fragile bone a vertebra "
          .. "can break with little or no force.",
        advice = "Do not massage until a doctor has reviewed the pain (within days; imaging may be needed). If the "
          .. "pain becomes severe, or numbness, weakness or bladder changes appear, the client needs a doctor today.",
      }
    elseif course == nil then
      caution("The client " .. table.concat(risk, " and ") .. " and has " .. pain .. ", and the profile does not say "
        .. "when it began. Ask: back pain that is new or severe in fragile bone can be a vertebral fracture and needs "
        .. "a doctor's review before treatment.")
    end
  end,
}


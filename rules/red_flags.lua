-- Red flags of the spine, neurological: stop and refer (clinical brief §2.4,
-- §2.5).
--
-- Covers: cauda equina, bilateral sciatica, progressive neurological deficit,
-- and the weaker "under 18" flag. Serious pathology (infection, malignancy,
-- fracture) is in red_flags_pathology.lua; severe uncontrolled blood pressure
-- in blood_pressure.lua; red flags beyond the spine (chest pain, DVT,
-- aneurysm, heart) in red_flags_cardiovascular.lua; neck signs (arterial
-- dysfunction, myelopathy) in cervical.lua. A referral means the engine gives
-- no ranking; every referral carries safety-net advice the therapist can pass on.
--
-- Sources: BMJ Best Practice (cauda equina); GIRFT 2023 (bilateral sciatica:
-- suspected cauda equina pathway); Verhagen 2016; NICE NG59 1.1.1.
--
-- Urgency, and why:
--   emergency  cauda equina signs: BMJ Best Practice says immediate hospital
--              referral; the window to save bladder and nerve function is hours.
--   same_day   progressive deficit (foot drop, worsening weakness); bilateral
--              sciatica (GIRFT: possible early cauda equina).
--   caution    a bladder, bowel or sexual sign whose onset the profile does
--              not give: the therapist asks before treating (see the rule).
--
-- Onset. The profile has no onset field yet, so no rule calls a sign "new"
-- unless the profile's own words did (symptoms.yaml: the new_* ids). Where a
-- red flag depends on the pain being new, a condition's course stands in:
-- "chronic" (over 12 weeks) counts as long-standing, "acute" or "subacute"
-- as recent, and no course as unknown.

local spine = use "spine"
local spinal_pain, spinal_course = spine.spinal_pain, spine.spinal_course
local add, nerve_symptoms = spine.add, spine.nerve_symptoms

-- Bladder, bowel or sexual changes, by onset. BMJ Best Practice asks for
-- immediate referral when they are "recent or worsening"; clinical.md §2.5
-- says long-standing, explained signs (e.g. long-standing stress
-- incontinence) are not an emergency on their own: ask whether they are new
-- or worsening. When the profile does not give the onset, this rule does NOT
-- refer: it adds a caution that puts that question before the session. Why a
-- caution and not a same-day referral: the answer decides between an
-- emergency (new or worsening: an emergency department now, which a same-day
-- appointment would delay) and no red flag at all (long-standing and
-- unchanged), so a same-day referral would be wrong either way; the question
-- is what the guideline's own wording turns on. With another cauda equina
-- sign (saddle numbness, weakness in both legs, symptoms in both legs) the
-- onset no longer decides, and the rule refers as an emergency.
rule {
  id = "red_flag.cauda_equina",
  title = "Possible cauda equina syndrome: emergency referral (ask first when a sign's onset is not given)",
  kind = "referral",
  grade = "practice",
  evidence = { "BMJ-Best-Practice-Cauda-Equina", "NICE-NG59", "Verhagen-2016", "GIRFT-CES-2023" },
  apply = function(client)
    local signs = {}
    add(signs, client:has_condition("cauda_equina_syndrome"), "a recorded cauda equina syndrome")
    add(signs, client:has_symptom("saddle_anaesthesia"), "saddle numbness")
    add(signs, client:has_symptom("bilateral_leg_weakness"), "weakness in both legs")
    local new_signs = {}     -- the profile says new or worsening
    add(new_signs, client:has_symptom("new_bladder_dysfunction"), "new or worsening bladder dysfunction")
    add(new_signs, client:has_symptom("new_bowel_dysfunction"), "new or worsening bowel dysfunction")
    add(new_signs, client:has_symptom("new_sexual_dysfunction"), "new or worsening sexual dysfunction")
    local undated = {}       -- onset not given
    local longstanding = {}  -- the profile says long-standing: not an emergency on its own
    -- the same signs entered with an onset ({name: urinary incontinence, onset: longstanding})
    local function by_onset(present, id, words)
      if not present then return end
      local onset = client:onset(id)
      if onset == "new" or onset == "worsening" then
        new_signs[#new_signs + 1] = onset .. " " .. words
      elseif onset == "longstanding" then
        longstanding[#longstanding + 1] = "long-standing " .. words
      else
        undated[#undated + 1] = words
      end
    end
    by_onset(client:has_symptom("bladder_dysfunction"), "bladder_dysfunction", "bladder dysfunction")
    by_onset(client:has_symptom("bowel_dysfunction"), "bowel_dysfunction", "bowel dysfunction")
    by_onset(client:has_symptom("sexual_dysfunction"), "sexual_dysfunction", "sexual dysfunction")
    local both_legs = client:has_symptom("bilateral_leg_symptoms")
      or client:has_condition("sciatica", { side = "bilateral" })
      or client:has_condition("lumbago_with_sciatica", { side = "bilateral" })
      or client:has_condition("lumbar_radiculopathy", { side = "bilateral" })
    local back_or_leg = spinal_pain(client) or #nerve_symptoms(client) > 0 or both_legs
    local function_signs = #new_signs + #undated
    if #signs > 0 or (#new_signs > 0 and back_or_leg) or (both_legs and #undated > 0) then
      if both_legs and function_signs > 0 then signs[#signs + 1] = "symptoms in both legs" end
      for _, sign in ipairs(new_signs) do signs[#signs + 1] = sign end
      for _, sign in ipairs(undated) do signs[#signs + 1] = sign end
      refer {
        urgency = "emergency",
        reason = "Possible cauda equina compression: " .. table.concat(signs, ", ") .. ".",
        advice = "Do not massage. Send the client to an emergency department now (call an ambulance if they "
          .. "cannot get there safely). If these signs appear after a session, the same urgent care applies.",
      }
    elseif #undated > 0 and back_or_leg then
      ask("Ask before the session: the client reports " .. table.concat(undated, ", ") .. " with "
        .. (spinal_pain(client) or "leg symptoms") .. ", and the profile does not say whether it is new. If it is "
        .. "new or getting worse, do not massage: send the client to an emergency department now (possible cauda "
        .. "equina syndrome). If it is long-standing and unchanged (for example long-standing stress "
        .. "incontinence) and there is no numbness around the groin or weakness in both legs, it is not an "
        .. "emergency on its own.")
    elseif #longstanding > 0 and function_signs == 0 then
      caution("The client reports " .. table.concat(longstanding, ", ") .. ", which the profile gives as "
        .. "long-standing: not an emergency on its own. Ask whether anything has changed recently; if it is "
        .. "new or worse, or numbness around the groin or weakness in both legs appear, send the client to an "
        .. "emergency department now (possible cauda equina syndrome).")
    elseif function_signs > 0 then
      local all = {}
      for _, sign in ipairs(new_signs) do all[#all + 1] = sign end
      for _, sign in ipairs(undated) do all[#all + 1] = sign end
      ask("The client reports " .. table.concat(all, ", ") .. " without back or leg symptoms. "
        .. "Ask whether this is new: if it is new and back pain, leg pain or numbness around the groin appear, "
        .. "send them to an emergency department (possible cauda equina syndrome).")
    end
  end,
}

-- Bilateral sciatica: GIRFT's national pathway treats sciatica in both legs
-- as a possible early cauda equina sign (same day). Neurogenic claudication
-- in both legs is typical of long-standing lumbar stenosis, so a bilateral
-- leg symptom with chronic stenosis and no bilateral sciatica on record is a
-- question (is it new or worse?), not a referral [inference].
rule {
  id = "red_flag.bilateral_sciatica",
  title = "Sciatica or leg symptoms in both legs: same-day referral (possible early cauda equina)",
  kind = "referral",
  grade = "practice",
  evidence = { "GIRFT-CES-2023", "BMJ-Best-Practice-Cauda-Equina" },
  apply = function(client)
    local what
    if client:has_condition("sciatica", { side = "bilateral" }) then
      what = "sciatica in both legs"
    elseif client:has_condition("lumbago_with_sciatica", { side = "bilateral" }) then
      what = "low back pain with sciatica in both legs"
    elseif client:has_condition("lumbar_radiculopathy", { side = "bilateral" }) then
      what = "radicular pain in both legs"
    end
    if not what and client:has_symptom("bilateral_leg_symptoms") then
      local stenosis = client:has_condition("lumbar_spinal_stenosis") or client:has_condition("spinal_stenosis")
      if stenosis and spinal_course(client) == "chronic" then
        ask("Symptoms in both legs with long-standing spinal stenosis: ask whether they are new or getting "
          .. "worse. If they are, the client should see a doctor today (possible early cauda equina syndrome); "
          .. "leg pain on walking in both legs is common in stenosis.")
        return
      end
      what = "symptoms in both legs"
    end
    if what then
      refer {
        urgency = "same_day",
        reason = "Possible early cauda equina syndrome: the client has " .. what .. ".",
        advice = "Do not massage. The client should be assessed by a doctor today. If bladder or bowel control "
          .. "changes, numbness appears around the groin or genitals, or both legs become weak, go to an "
          .. "emergency department at once.",
      }
    end
  end,
}

rule {
  id = "red_flag.progressive_deficit",
  title = "Progressive neurological deficit (foot drop, worsening weakness): same-day referral",
  kind = "referral",
  grade = "practice",
  evidence = { "Verhagen-2016", "NICE-NG59" },
  apply = function(client)
    local signs = {}
    add(signs, client:has_symptom("foot_drop"), "foot drop")
    add(signs, client:has_symptom("progressive_weakness"), "progressive weakness")
    if #signs > 0 then
      refer {
        urgency = "same_day",
        reason = "Progressive neurological deficit: the client reports " .. table.concat(signs, " and ")
          .. ", which can mean a nerve is being compressed and getting worse.",
        advice = "Do not massage. The client should see a doctor today. If bladder or bowel control changes, "
          .. "numbness appears around the groin, or both legs become weak, go to an emergency department at once.",
      }
    end
  end,
}

rule {
  id = "red_flag.under_18",
  title = "Client under 18: check medical assessment and consent (weaker red flag)",
  kind = "caution",
  grade = "weak",
  evidence = { "Verhagen-2016" },
  apply = function(client)
    local age = client.age
    if not age or age >= 18 then return end
    local pain = spinal_pain(client)
    if pain then
      caution("The client is " .. age .. ", under 18, with " .. pain .. ": some guidelines list back pain at this "
        .. "age as a red flag (weaker evidence). Check that a doctor has assessed it, and get a parent's or "
        .. "guardian's consent.")
    else
      caution("The client is " .. age .. ", under 18: get a parent's or guardian's consent and use "
        .. "age-appropriate, lighter pressure.")
    end
  end,
}

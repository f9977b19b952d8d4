-- Red flags: stop and refer (clinical brief §2.4).
--
-- Covers: cauda equina, progressive neurological deficit, spinal infection,
-- malignancy, possible fracture, and the weaker "under 18" flag. Severe
-- uncontrolled blood pressure is in blood_pressure.lua. A referral means the
-- engine gives no ranking; every referral carries safety-net advice the
-- therapist can pass on.
--
-- Sources: BMJ Best Practice (cauda equina); Verhagen 2016 (red flags across
-- 16 low back pain guidelines: malignancy, infection, fracture); NICE NG59
-- 1.1.1 (exclude cancer, infection, trauma and inflammatory disease first).
--
-- Urgency, and why:
--   emergency  cauda equina signs: BMJ Best Practice says immediate hospital
--              referral; the window to save bladder and nerve function is hours.
--   same_day   progressive deficit (foot drop, worsening weakness); infection
--              signs or infection risk (IV drug use, immunosuppression) with
--              spinal pain, because a spinal infection can progress quickly and
--              may show no fever in immunosuppressed people; trauma with
--              steroids or fragile bone (possible fracture needs imaging).
--   routine or same_day  malignancy: cancer history with unexplained weight
--              loss or night pain needs prompt medical assessment (within
--              days) rather than an emergency visit, unless nerve symptoms
--              are present (possible spinal cord or root compression), which
--              makes it same day [inference].

-- Back, leg or neck pain of spinal origin, in words, or nil. Ids are written
-- out (not looped over) so `rubric rules check` can verify each one.
local function spinal_pain(client)
  if client:has_condition("low_back_pain") or client:has_condition("acute_back_strain")
    or client:has_condition("back_spasm") or client:has_symptom("back_pain") then
    return "back pain"
  end
  if client:has_condition("sciatica") or client:has_condition("lumbago_with_sciatica")
    or client:has_condition("lumbar_radiculopathy") or client:has_symptom("radiating_leg_pain") then
    return "sciatica or radiating leg pain"
  end
  if client:has_condition("spinal_stenosis") or client:has_condition("lumbar_spinal_stenosis")
    or client:has_condition("lumbar_disc_herniation") or client:has_condition("spinal_osteoarthritis")
    or client:has_condition("cauda_equina_syndrome") or client:has_symptom("neurogenic_claudication") then
    return "a painful spinal condition"
  end
  if client:has_condition("neck_pain") or client:has_condition("cervical_spinal_stenosis")
    or client:has_condition("cervical_radiculopathy") or client:has_condition("cervical_myelopathy")
    or client:has_condition("opll") then
    return "neck pain"
  end
  return nil
end

-- Appends `words` to `list` when `present` is true.
local function add(list, present, words)
  if present then list[#list + 1] = words end
end

-- Nerve symptoms that, with a malignancy red flag, suggest compression.
local function nerve_symptoms(client)
  local found = {}
  add(found, client:has_symptom("numbness"), "numbness")
  add(found, client:has_symptom("tingling"), "tingling")
  add(found, client:has_symptom("leg_weakness"), "leg weakness")
  add(found, client:has_symptom("loss_of_coordination"), "loss of coordination")
  add(found, client:has_symptom("radiating_leg_pain"), "radiating leg pain")
  return found
end

rule {
  id = "red_flag.cauda_equina",
  title = "Possible cauda equina syndrome: emergency referral",
  kind = "referral",
  grade = "practice",
  evidence = { "BMJ-Best-Practice-Cauda-Equina", "NICE-NG59", "Verhagen-2016" },
  apply = function(client)
    local signs = {}
    if client:has_condition("cauda_equina_syndrome") then signs[#signs + 1] = "a recorded cauda equina syndrome" end
    if client:has_symptom("saddle_anaesthesia") then signs[#signs + 1] = "saddle numbness" end
    if client:has_symptom("bilateral_leg_weakness") then signs[#signs + 1] = "weakness in both legs" end
    -- Bladder, bowel or sexual changes point to the cauda equina when they come
    -- with back or leg symptoms (pain, numbness, weakness); on their own they
    -- may be long-standing, so the therapist is asked to check.
    local function_signs = {}
    add(function_signs, client:has_symptom("bladder_dysfunction"), "bladder dysfunction")
    add(function_signs, client:has_symptom("bowel_dysfunction"), "bowel dysfunction")
    add(function_signs, client:has_symptom("sexual_dysfunction"), "sexual dysfunction")
    local back_or_leg = spinal_pain(client) or #nerve_symptoms(client) > 0
    if #function_signs > 0 and (back_or_leg or #signs > 0) then
      for _, sign in ipairs(function_signs) do signs[#signs + 1] = "new " .. sign end
    elseif #function_signs > 0 then
      caution("The client reports " .. table.concat(function_signs, ", ") .. " without back or leg symptoms. "
        .. "Ask whether this is new: if it is new and back pain, leg pain or numbness around the groin appear, "
        .. "send them to an emergency department (possible cauda equina syndrome).")
    end
    if #signs > 0 then
      refer {
        urgency = "emergency",
        reason = "Possible cauda equina compression: " .. table.concat(signs, ", ") .. ".",
        advice = "Do not massage. Send the client to an emergency department now (call an ambulance if they "
          .. "cannot get there safely). If these signs appear after a session, the same urgent care applies.",
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
  id = "red_flag.spinal_infection",
  title = "Fever, infection or infection risk with back pain: same-day referral",
  kind = "referral",
  grade = "practice",
  evidence = { "Verhagen-2016", "NICE-NG59", "Ascension" },
  apply = function(client)
    local pain = spinal_pain(client)
    if not pain then return end   -- fever without spinal pain: see clearance.fever_or_infection
    local why = {}
    add(why, client:has_symptom("fever"), "fever")
    add(why, client:has_symptom("chills"), "chills")
    add(why, client:has_flag("systemic_infection"), "a current infection")
    add(why, client:has_flag("iv_drug_use"), "intravenous drug use")
    add(why, client:has_flag("immunosuppressed"), "immunosuppression")
    if #why > 0 then
      refer {
        urgency = "same_day",
        reason = "Possible spinal infection: " .. pain .. " together with " .. table.concat(why, ", ")
          .. ". A spinal infection can progress quickly, and immunosuppressed people may have no fever.",
        advice = "Do not massage. The client should see a doctor today. If they feel very unwell, the fever "
          .. "is high, or new weakness or numbness appears, go to an emergency department.",
      }
    end
  end,
}

rule {
  id = "red_flag.malignancy",
  title = "Cancer history with unexplained weight loss or night pain: refer",
  kind = "referral",
  grade = "practice",
  evidence = { "Verhagen-2016", "NICE-NG59", "NCCIH" },
  apply = function(client)
    local history = client:has_flag("cancer_history") or client:has_condition("cancer", { status = "any" })
    local features = {}
    add(features, client:has_symptom("unexplained_weight_loss"), "unexplained weight loss")
    add(features, client:has_symptom("night_pain"), "night pain")
    local nerve = nerve_symptoms(client)
    local reason
    if history and #features > 0 then
      reason = "Possible spinal malignancy: a history of cancer with " .. table.concat(features, " and ") .. "."
    elseif #features == 2 and spinal_pain(client) then
      reason = "Possible serious cause of back pain: unexplained weight loss with night pain."
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
  title = "Trauma with steroids or fragile bone: possible fracture, same-day referral",
  kind = "referral",
  grade = "practice",
  evidence = { "Verhagen-2016", "NICE-NG59" },
  apply = function(client)
    if not client:has_flag("recent_trauma") then return end
    local risk = {}
    local on, name = client:takes("corticosteroid")
    if on then risk[#risk + 1] = "takes " .. name .. " (a corticosteroid)" end
    if client:has_flag("steroid_use") and not on then risk[#risk + 1] = "uses steroids long term" end
    if client:has_flag("fragile_bone") then risk[#risk + 1] = "has fragile bone" end
    if client:has_condition("osteoporosis") then risk[#risk + 1] = "has osteoporosis" end
    if client:has_condition("osteopenia") then risk[#risk + 1] = "has osteopenia" end
    if #risk > 0 then
      refer {
        urgency = "same_day",
        reason = "Possible fracture: recent trauma, and the client " .. table.concat(risk, " and ")
          .. ", so bone may have broken with little force.",
        advice = "Do not massage. The client should be examined by a doctor today (imaging may be needed). "
          .. "If pain is severe or numbness or weakness appears, go to an emergency department.",
      }
    elseif spinal_pain(client) then
      caution("Recent trauma with back or neck pain: ask whether a doctor has examined it before treating "
        .. "(guidelines ask that trauma be excluded first). Refer if pain is severe or there is numbness or weakness.")
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

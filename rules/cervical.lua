-- The neck: cervical stenosis, OPLL and myelopathy (clinical brief §2.2
-- harms, §2.3), and the seed claim that craniosacral therapy eases neck pain
-- (seed claim 24).
--
-- Safety: a man with OPLL and a C5-6 disc herniation became tetraplegic
-- after a neck massage (Cheong 2012, a single case); serious events reported
-- elsewhere (disc herniation, cord injury, arterial dissection) mostly
-- followed manipulation (Yin 2014). Rule [inference, clinical.md]: no
-- forceful neck work or manipulation when the cervical canal is narrowed.
--
-- Red flags of the neck (clinical.md §2.5): signs of cervical arterial
-- dysfunction with neck pain (IFOMPT framework, Rushton 2023) and signs of
-- cervical myelopathy (NICE CKS neck pain): same-day medical review and no
-- neck work.
--
-- Ranking for neck pain (clinical.md §2.2): massage in general has low
-- evidence for neck pain when the dose is enough (Sherman 2014: 60 minutes
-- 2-3 times a week helped, 30 minutes did not); Swedish, the general
-- adjustable massage, carries that (+2). Craniosacral is very low and
-- conflicting: Haller 2016 (RCT) and Haller 2020 (meta-analysis) were
-- positive; Ceballos-Laita 2024 found no relevant effect; cranial palpation
-- itself is unreliable (Guillaud 2016). So one point at most, never the
-- headline, and not when stenosis.craniosacral already gives its point from
-- the same seed (S3): one seed never counts twice for one technique.

local S3 = "003_c60ed9b40b84202d.txt"

-- Appends `words` to `list` when `present` is true.
local function add(list, present, words)
  if present then list[#list + 1] = words end
end

-- Neck pain or a neck condition, in words, or nil. Ids written out.
local function neck_problem(client)
  if client:has_condition("neck_pain") then return "neck pain" end
  if client:has_condition("cervical_spinal_stenosis") then return "cervical spinal stenosis" end
  if client:has_condition("cervical_radiculopathy") then return "cervical radiculopathy" end
  if client:has_condition("cervical_myelopathy") then return "cervical myelopathy" end
  if client:has_condition("opll") then return "OPLL" end
  local c = client:condition("spinal_stenosis") or client:condition("spinal_osteoarthritis")
  if c and (c.region == "cervical" or c.region == "neck") then return "a cervical spine condition" end
  return nil
end

-- The cervical condition behind the neck-safety rule, in words, or nil.
local function narrowed_cervical_canal(client)
  if client:has_condition("opll") then return "OPLL (ossified posterior longitudinal ligament)" end
  if client:has_condition("cervical_myelopathy") then return "cervical myelopathy" end
  if client:has_condition("cervical_spinal_stenosis") then return "cervical spinal stenosis" end
  -- plain "spinal stenosis" counts only when the profile says it is cervical
  local c = client:condition("spinal_stenosis")
  if c and c.region == "cervical" then return "spinal stenosis in the cervical spine" end
  return nil
end

rule {
  id = "cervical.no_forceful_neck_work",
  title = "Cervical stenosis, OPLL or myelopathy: no forceful neck work",
  kind = "caution",
  grade = "practice",
  evidence = { "Cheong-2012", "Yin-2014" },
  apply = function(client)
    local cause = narrowed_cervical_canal(client)
    if not cause then return end
    local text = "No deep or forceful pressure on the neck: the client has " .. cause
      .. ", and a neck massage was followed by tetraplegia in a man with OPLL (Cheong 2012). "
      .. "Elsewhere on the body it may be used as usual."
    caution("deep_tissue", text)
    caution("trigger_point", "No sustained compression on the neck: the client has " .. cause
      .. " (Cheong 2012). Elsewhere on the body it may be used as usual.")
    caution("Neck (" .. cause .. "): no manipulation, no forceful stretching or end-range rotation, and keep "
      .. "neck work gentle. Stop and refer if arm or leg numbness, weakness or clumsiness appears or worsens.")
  end,
}

rule {
  id = "red_flag.cervical_arterial_dysfunction",
  title = "Neck pain with dizziness, drop attacks, double vision, speech or swallowing trouble: same day",
  kind = "referral",
  grade = "practice",
  evidence = { "IFOMPT-2023" },
  apply = function(client)
    local neck = neck_problem(client)
    local signs = {}
    add(signs, client:has_symptom("dizziness"), "dizziness")
    add(signs, client:has_symptom("drop_attacks"), "drop attacks")
    add(signs, client:has_symptom("double_vision"), "double vision")
    add(signs, client:has_symptom("difficulty_speaking"), "difficulty speaking")
    add(signs, client:has_symptom("difficulty_swallowing"), "difficulty swallowing")
    add(signs, client:has_symptom("nystagmus"), "nystagmus")
    add(signs, client:has_symptom("facial_numbness"), "facial numbness")
    -- nausea is too common to act on alone; it is named when another sign is present
    if #signs > 0 then add(signs, client:has_symptom("nausea"), "nausea") end
    if #signs == 0 then return end
    if not neck then
      if client:has_symptom("double_vision") or client:has_symptom("difficulty_speaking")
        or client:has_symptom("difficulty_swallowing") or client:has_symptom("facial_numbness") then
        ask("The client reports " .. table.concat(signs, ", ") .. ". Ask whether this is new: if it came on "
          .. "suddenly, call emergency services (possible stroke); if it is new, a doctor before massage.")
      end
      return
    end
    refer {
      urgency = "same_day",
      reason = "Possible cervical arterial dysfunction: " .. neck .. " with " .. table.concat(signs, ", ")
        .. " (IFOMPT framework). Neck massage and manipulation must wait until a doctor has assessed this.",
      advice = "Do not massage the neck. The client should see a doctor today; if the symptoms came on "
        .. "suddenly or are severe (or there is weakness, facial droop or confusion), call emergency services.",
    }
  end,
}

-- Myelopathy signs with a neck condition: clumsy hands, loss of coordination
-- or balance, numbness or tingling in both hands (NICE CKS). A recorded
-- cervical myelopathy is already known to a doctor, so there the rule asks
-- whether the signs are new or worse (cervical.no_forceful_neck_work applies).
rule {
  id = "red_flag.cervical_myelopathy",
  title = "Neck condition with clumsy hands, poor coordination or balance, numb hands: same day, no neck work",
  kind = "referral",
  grade = "practice",
  evidence = { "NICE-CKS-neck-pain", "Cheong-2012" },
  apply = function(client)
    local neck = neck_problem(client)
    if not neck then return end
    local signs = {}
    add(signs, client:has_symptom("clumsy_hands"), "clumsy hands")
    add(signs, client:has_symptom("loss_of_coordination"), "loss of coordination or balance")
    add(signs, client:has_symptom("bilateral_hand_numbness"), "numbness or tingling in both hands")
    if #signs == 0 then return end
    if client:has_condition("cervical_myelopathy") then
      ask("Recorded cervical myelopathy with " .. table.concat(signs, ", ") .. ": ask whether these are new "
        .. "or getting worse; if they are, no massage and a doctor today. No neck work either way.")
      return
    end
    refer {
      urgency = "same_day",
      reason = "Possible cervical myelopathy (spinal cord compression in the neck): " .. neck .. " with "
        .. table.concat(signs, ", ") .. ".",
      advice = "Do not massage, and no neck work. The client should see a doctor today. Worsening walking, "
        .. "weakness or bladder changes mean an emergency department.",
    }
  end,
}

rule {
  id = "cervical.swedish_neck_pain",
  title = "Neck pain: general (Swedish) massage, with enough session time (Sherman 2014, low evidence)",
  kind = "indication", when = { conditions = { "neck_pain", "cervical_radiculopathy" } },
  grade = "weak",
  evidence = { "Sherman-2014" },
  apply = function(client)
    if client:has_condition("neck_pain") or client:has_condition("cervical_radiculopathy") then
      points("swedish", 2, "General massage helped neck pain in a trial when sessions were long and frequent "
        .. "enough (Sherman 2014: 60 minutes 2-3 times a week helped, 30 minutes did not); low-quality evidence")
    end
  end,
}

rule {
  id = "cervical.craniosacral_neck_pain",
  title = "Craniosacral therapy for neck pain (seed claim; conflicting, very low evidence)",
  kind = "indication",
  grade = "weak",
  evidence = { S3, "Haller-2016", "Haller-2020", "Ceballos-Laita-2024", "Guillaud-2016" },
  apply = function(client)
    -- stenosis.craniosacral already gives craniosacral its point from seed S3; never twice
    if client:has_condition("lumbar_spinal_stenosis") or client:has_condition("cervical_spinal_stenosis")
      or client:has_condition("spinal_stenosis") then
      return
    end
    local why
    if client:has_condition("neck_pain") then
      why = "neck pain"
    elseif client:has_condition("cervical_radiculopathy") then
      why = "cervical radiculopathy"
    else
      -- only when the profile says the arthritis is cervical (the condition spans several regions)
      local oa = client:condition("spinal_osteoarthritis")
      if oa and oa.region == "cervical" then why = "arthritis of the cervical spine" end
    end
    if why then
      points("craniosacral", 1, "Gentle light-touch work that a seed article says eases " .. why .. "; trials "
        .. "conflict (positive in Haller 2016/2020, no relevant effect in Ceballos-Laita 2024), so the evidence "
        .. "is very low")
    end
  end,
}

-- Back pain: seed claims from S2 and S3 (clinical brief §1 claims 14, 15,
-- 16, 21, 23) graded against the guidelines (§2.1-2.2).
--
-- Evidence in brief: ACP 2017 suggests massage for acute or subacute low back
-- pain (low evidence, strong recommendation) but does not list it for chronic
-- low back pain; Chou 2017 and the Cochrane review (Furlan 2015) found small,
-- short-term effects and only minor adverse events; Swedish did as well as
-- structural (deep) massage in the largest trial (Cherkin 2011). Acupressure
-- has the most trial support of any technique for chronic low back pain
-- (Hsieh 2006; Li 2021, low to moderate) but none for acute pain, so its
-- point is not given for an acute strain or acute low back pain. Duration bands (ACP): acute under 4
-- weeks, subacute 4-12, chronic over 12.
--
-- Seeds: 002_70c18c4373de6cbd.txt (S2), 003_c60ed9b40b84202d.txt (S3).

local S2, S3 = "002_70c18c4373de6cbd.txt", "003_c60ed9b40b84202d.txt"

-- Ids are written out (not looped over) so `rubric rules check` can verify them.
local function back_condition(client)
  return client:has_condition("low_back_pain") or client:has_condition("acute_back_strain")
    or client:has_condition("back_spasm") or client:has_condition("lumbago_with_sciatica")
end

local function back_pain(client)
  return back_condition(client) or client:has_symptom("back_pain")
end

-- Any recorded diagnosis that would explain back pain.
local function spinal_diagnosis(client)
  return back_condition(client) or client:has_condition("sciatica") or client:has_condition("lumbar_radiculopathy")
    or client:has_condition("lumbar_disc_herniation") or client:has_condition("spinal_stenosis")
    or client:has_condition("lumbar_spinal_stenosis") or client:has_condition("cervical_spinal_stenosis")
    or client:has_condition("spinal_osteoarthritis") or client:has_condition("cauda_equina_syndrome")
end

rule {
  id = "back_pain.low_risk",
  title = "Massage is low-risk for back pain (claim 14)",
  kind = "caution",
  grade = "supported",
  evidence = { S2, "Cochrane-Furlan-2015", "Ernst-2003" },
  apply = function(client)
    if back_pain(client) then
      note("Massage is low-risk for back pain: trials report only minor, short-lived effects such as soreness "
        .. "(Furlan 2015), and serious harms are rare, mostly with unusual techniques or untrained "
        .. "practitioners (Ernst 2003). Any limits listed in this recommendation still apply.")
    end
  end,
}

rule {
  id = "back_pain.muscle_tension",
  title = "Less muscle tension, less pain, more flexibility (claim 15, weak evidence)",
  kind = "indication",
  grade = "weak",
  evidence = { S2, "Cochrane-Furlan-2015", "Chou-2017" },
  apply = function(client)
    if not back_pain(client) then return end
    if client:has_symptom("muscle_tension") or client:has_symptom("stiffness") or client:has_symptom("muscle_spasm")
      or client:has_condition("back_spasm") then
      note("Massage may ease back muscle tension and stiffness, and with them some pain and flexibility, but "
        .. "the benefit is small and short-term (Furlan 2015; Chou 2017).")
    end
  end,
}

rule {
  id = "back_pain.acute_massage",
  title = "A recently injured back: massage for acute or subacute low back pain (claim 16)",
  kind = "indication", when = { conditions = { "acute_back_strain", "low_back_pain", "back_spasm" } },
  grade = "weak",
  evidence = { S2, "ACP-2017" },
  apply = function(client)
    local why
    if client:has_condition("acute_back_strain") then
      why = "a recent back strain"
    elseif client:has_condition("low_back_pain", { course = "acute" }) then
      why = "acute low back pain (under 4 weeks)"
    elseif client:has_condition("low_back_pain", { course = "subacute" }) then
      why = "subacute low back pain (4 to 12 weeks)"
    elseif client:has_condition("back_spasm", { course = "acute" }) then
      why = "acute back spasm"
    end
    if why then
      points("swedish", 1, "For " .. why .. ", the American College of Physicians suggests massage (low-quality "
        .. "evidence, ACP 2017); Swedish strokes can be kept comfortable on injured tissue")
    end
  end,
}

rule {
  id = "back_pain.chronic_evidence",
  title = "Chronic low back pain: small, short-term effects; Swedish equals structural massage (no point to either)",
  kind = "indication", when = { conditions = { "low_back_pain" } },
  grade = "weak",   -- clinical.md §2.2: low to moderate, short-term; ACP 2017 does not list massage
  evidence = { "ACP-2017", "Chou-2017", "Cochrane-Furlan-2015", "Cherkin-2011" },
  -- Cherkin 2011 found relaxation and structural massage equal, so it earns
  -- neither technique a point over the other: this rule only informs.
  apply = function(client)
    if client:has_condition("low_back_pain", { course = "chronic" }) then
      note("For chronic low back pain, massage effects are small and short-term (Chou 2017; Furlan 2015), and "
        .. "the ACP 2017 guideline does not list massage; exercise should be part of the plan. Relaxation "
        .. "(Swedish) and structural (deep) massage did equally well (Cherkin 2011, 401 people).")
    end
  end,
}

-- Back or leg symptoms (the seeds' symptom vocabulary), in words, or nil.
local function back_or_leg_symptom(client)
  if client:has_symptom("back_pain") then return "back pain" end
  if client:has_symptom("radiating_leg_pain") then return "radiating leg pain" end
  if client:has_symptom("neurogenic_claudication") then return "leg pain on walking" end
  if client:has_symptom("buttock_pain") then return "buttock pain" end
  if client:has_symptom("thigh_pain") then return "thigh pain" end
  if client:has_symptom("leg_pain") then return "leg pain" end
  if client:has_symptom("pain_relieved_by_sitting") then return "pain eased by sitting" end
  if client:has_symptom("limping") then return "a limp" end
  return nil
end

rule {
  id = "back_pain.see_doctor_first",
  title = "Talk to your doctor before massage for back pain (claim 21)",
  kind = "indication",
  grade = "supported",
  evidence = { S2, "NICE-NG59" },
  apply = function(client)
    local symptom = back_or_leg_symptom(client)
    if symptom and not spinal_diagnosis(client) then
      note("The client's " .. symptom .. " has no recorded diagnosis: ask the client to talk to their doctor "
        .. "before a course of massage, so that serious causes are ruled out first (NICE NG59).")
    end
  end,
}

rule {
  id = "back_pain.acupressure",
  title = "Acupressure along the kidney and bladder meridians for back pain (claim 23)",
  kind = "indication",
  grade = "weak",
  evidence = { S3, "Hsieh-2006", "Li-2021" },
  apply = function(client)
    -- the trials were in longer-lasting back pain; none were found for acute pain (clinical.md §2.2)
    if client:has_condition("acute_back_strain") or client:has_condition("low_back_pain", { course = "acute" }) then
      return
    end
    local why
    if client:has_condition("low_back_pain") or client:has_condition("lumbago_with_sciatica") then
      why = "low back pain"
    elseif client:has_condition("lumbar_spinal_stenosis") or client:has_condition("spinal_stenosis") then
      why = "stenosis (not studied there; the trials were in low back pain)"
    elseif client:has_symptom("back_pain") then
      why = "back pain"
    end
    if why then
      points("acupressure", 1, "Acupressure, including kidney and bladder meridian points, for " .. why
        .. ": it beat physical therapy in one trial (Hsieh 2006) and a review of 23 trials supports it for "
        .. "chronic low back pain (Li 2021), low to moderate evidence")
    end
  end,
}

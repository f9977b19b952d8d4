-- Pregnancy (clinical brief §2.3, general and relative contraindications, and
-- "Pregnancy acupoints").
--
-- Covers: danger signs (bleeding, fluid loss, severe headache, visual
-- disturbance, sudden swelling: same-day obstetric assessment, NICE NG133);
-- high-risk pregnancy (pre-eclampsia, placental problems) needs obstetric
-- clearance; no deep or firm work on the legs (pregnancy raises the risk of
-- a clot, NICE NG158); telling the prenatal provider; side-lying
-- positioning after about 13 weeks; the traditional acupoint guard for
-- acupressure (LI4, SP6, BL60, BL67, GB21 and the sacral BL points).
--
-- The acupoint guard is TRADITION-BASED: Carr 2015 (15 trials, cohort of
-- 5,885) found no objective harm from needling these points. It is kept, and
-- labelled as tradition, because BL60 and BL67 lie on the bladder meridian
-- that seed S3 recommends for back pain (seed claim 23).
--
-- Sources: Mueller 2021 (prenatal trials excluded complicated pregnancies);
-- NCCIH; Osborne [weak]; Carr 2015; seed 003_c60ed9b40b84202d.txt.

local SIDE_LYING_WEEKS = 13

rule {
  id = "red_flag.pregnancy_danger_signs",
  title = "Bleeding, fluid loss, severe headache, visual disturbance or sudden swelling in pregnancy: same day",
  kind = "referral",
  grade = "practice",
  evidence = { "NICE-NG133" },
  apply = function(client)
    local signs = {}
    -- this symptom's own words say pregnancy, so it counts even without a pregnancy entry
    if client:has_symptom("pregnancy_bleeding") then signs[#signs + 1] = "bleeding in pregnancy" end
    local pregnant, weeks = client:is_pregnant()
    pregnant = pregnant or client:has_flag("pregnant")
    if pregnant then
      if client:has_symptom("vaginal_bleeding") then signs[#signs + 1] = "vaginal bleeding" end
      if client:has_symptom("fluid_loss") then signs[#signs + 1] = "fluid leaking from the vagina" end
      if client:has_symptom("severe_headache") then signs[#signs + 1] = "a severe headache" end
      if client:has_symptom("visual_disturbance") then signs[#signs + 1] = "visual disturbance" end
      if client:has_symptom("sudden_swelling") then signs[#signs + 1] = "sudden swelling of the face, hands or feet" end
    end
    if #signs == 0 then return end
    refer {
      urgency = "same_day",
      reason = "Pregnancy danger sign" .. (#signs > 1 and "s" or "") .. ": " .. table.concat(signs, ", ")
        .. (weeks and (" at " .. weeks .. " weeks") or "") .. ". Headache, visual disturbance or sudden swelling "
        .. "can be signs of pre-eclampsia (NICE NG133).",
      advice = "Do not massage. The client should contact their midwife or maternity unit today for assessment. "
        .. "Heavy bleeding, severe abdominal pain or a fit means emergency services now.",
    }
  end,
}

rule {
  id = "pregnancy.high_risk_clearance",
  title = "High-risk pregnancy: obstetric clearance first",
  kind = "contraindication",
  grade = "practice",
  evidence = { "Mueller-2021", "NCCIH" },
  apply = function(client)
    local _, weeks, high_risk = client:is_pregnant()
    -- bleeding is a danger sign (red_flag.pregnancy_danger_signs), no longer a high-risk flag alias
    -- the engine folds the flag into the pregnancy block; the flag is read too in case it does not
    if high_risk or client:has_flag("high_risk_pregnancy") then
      require_clearance {
        from = "the client's obstetrician or midwife",
        reason = "High-risk pregnancy (such as pre-eclampsia or placental problems)"
          .. (weeks and (" at " .. weeks .. " weeks") or "")
          .. ": most prenatal massage trials excluded these pregnancies, so safety is not established.",
      }
      -- the provisional ranking keeps to what is gentlest until the obstetric team has answered
      limit_pressure("light", "high-risk pregnancy: light pressure only until the obstetrician or midwife has "
        .. "cleared the client")
    end
  end,
}

rule {
  id = "pregnancy.acupoint_guard",
  title = "Pregnancy: traditionally avoided acupoints (tradition-based guard)",
  kind = "caution",
  grade = "tradition",
  evidence = { "Carr-2015", "Osborne", "003_c60ed9b40b84202d.txt" },
  apply = function(client)
    if not (client:is_pregnant() or client:has_flag("pregnant")) then return end
    caution("acupressure", "The client is pregnant: do not press LI4, SP6, BL60, BL67, GB21 or the sacral BL "
      .. "points. This guard is tradition-based: a review of 15 trials and a cohort of 5,885 (Carr 2015) found "
      .. "no objective harm from needling them, but they are traditionally avoided. BL60 and BL67 lie on the "
      .. "bladder meridian used for back pain, so skip them there too.")
  end,
}

rule {
  id = "pregnancy.positioning",
  title = "Pregnancy: side-lying after about 13 weeks; tell the prenatal provider",
  kind = "caution",
  grade = "practice",
  evidence = { "NCCIH", "Osborne" },
  apply = function(client)
    local pregnant, weeks = client:is_pregnant()
    if not (pregnant or client:has_flag("pregnant")) then return end
    if not weeks or weeks >= SIDE_LYING_WEEKS then
      local when = weeks and ("at " .. weeks .. " weeks") or "(weeks not given)"
      caution("Pregnant " .. when .. ": position the client side-lying with pillows after about "
        .. SIDE_LYING_WEEKS .. " weeks, not flat on the back or face down.")
    end
    note("The client is pregnant: ask the client to tell their prenatal provider (midwife or doctor) "
      .. "about the massage.")
  end,
}

-- Pregnancy raises the risk of a blood clot in the legs (a DVT risk factor in
-- NICE NG158), so deep or firm work on the legs gets a caution; this is
-- practice guidance, not a trial result [inference from NG158 and NCCIH].
rule {
  id = "pregnancy.legs_no_deep_work",
  title = "Pregnancy: no deep or firm work on the legs (higher clot risk)",
  kind = "caution",
  grade = "practice",
  evidence = { "NICE-NG158", "NCCIH", "Osborne" },
  apply = function(client)
    if not (client:is_pregnant() or client:has_flag("pregnant")) then return end
    local text = "The client is pregnant, and pregnancy raises the risk of a blood clot in the legs: no deep or "
      .. "firm pressure on the legs (light strokes only there)."
    caution("deep_tissue", text)
    caution("trigger_point", text)
    caution("Pregnancy: use light strokes on the legs and no deep pressure on the calves or inner thighs. A leg "
      .. "that is swollen, painful, warm or red on one side means no massage and a doctor today.")
  end,
}

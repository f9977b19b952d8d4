-- Red flags and gates beyond the spine: heart and blood vessels (clinical
-- brief §2.5).
--
-- Covers: chest pain or shortness of breath (emergency); suspected deep vein
-- thrombosis (same day, never massage the limb); possible abdominal aortic
-- aneurysm (emergency with pain; a doctor soon without); heart failure, a
-- recent heart attack, unstable angina, a pacemaker or an implanted
-- defibrillator (medical clearance, positioning, nothing deep over a device).
-- A diagnosed, active DVT is a clearance (clearance.active_dvt); severe
-- uncontrolled blood pressure is in blood_pressure.lua.
--
-- Sources: NICE CG95 and AHA warning signs (chest pain); NICE NG158 (VTE,
-- two-level Wells score) and NCCIH (no massage over a clot); NICE NG156
-- (AAA); Werner, A Massage Therapist's Guide to Pathology (heart conditions
-- and devices) [practice].
--
-- Wording: these rules say what the profile reports ("the client reports
-- chest pain"), never when it started or how bad it is, which the profile
-- does not give; the advice says what changes the urgency.

-- Appends `words` to `list` when `present` is true.
local function add(list, present, words)
  if present then list[#list + 1] = words end
end

rule {
  id = "red_flag.chest_pain",
  title = "Chest pain, tightness or shortness of breath: emergency, do not treat",
  kind = "referral",
  grade = "practice",
  evidence = { "NICE-CG95", "AHA-warning-signs" },
  apply = function(client)
    local signs = {}
    add(signs, client:has_symptom("chest_pain"), "chest pain or tightness")
    add(signs, client:has_symptom("shortness_of_breath"), "shortness of breath")
    if #signs == 0 then return end
    local with = {}
    add(with, client:has_symptom("nausea"), "nausea")
    add(with, client:has_symptom("dizziness"), "dizziness")
    refer {
      urgency = "emergency",
      reason = "The client reports " .. table.concat(signs, " and ")
        .. (#with > 0 and (", with " .. table.concat(with, " and ")) or "")
        .. ": a possible heart or lung emergency (NICE CG95).",
      advice = "Do not massage. If the symptom is present now, at rest, or came on recently, call emergency "
        .. "services (do not let the client drive). If a doctor has already assessed it as long-standing and "
        .. "stable, get the doctor's clearance before any session.",
    }
  end,
}

-- Suspected DVT (NICE NG158 signs): swelling of one leg or calf is enough;
-- calf pain, warmth or redness counts with a risk factor (recent surgery,
-- immobility or long travel, pregnancy, cancer), because calf pain alone is
-- common and usually muscular [inference]. Without a risk factor it, and leg
-- swelling whose side the profile does not give, is a question. A DVT that
-- is already diagnosed and active is handled by clearance.active_dvt.
rule {
  id = "red_flag.suspected_dvt",
  title = "Signs of a deep vein thrombosis in one leg: same-day review, never massage the limb",
  kind = "referral",
  grade = "practice",
  evidence = { "NICE-NG158", "NCCIH" },
  apply = function(client)
    if client:has_condition("deep_vein_thrombosis") or client:has_flag("active_dvt") then return end
    local risk = {}
    add(risk, client:has_flag("recent_surgery") or client:surgery { within_weeks = 12 } ~= nil, "recent surgery")
    add(risk, client:has_flag("recent_immobility"), "recent immobility or long travel")
    add(risk, client:is_pregnant() or client:has_flag("pregnant"), "pregnancy")
    add(risk, client:has_condition("cancer") or client:has_condition("bone_metastases")
      or client:has_flag("chemotherapy"), "cancer")
    local risk_text = #risk > 0 and (" (risk factors: " .. table.concat(risk, ", ") .. ")") or ""
    local sign
    if client:has_symptom("one_leg_swollen") then
      sign = "swelling of one leg or calf"
    elseif client:has_symptom("calf_pain_warmth_redness") and #risk > 0 then
      sign = "a painful, warm or red calf"
    end
    if sign then
      refer {
        urgency = "same_day",
        reason = "Possible deep vein thrombosis: " .. sign .. risk_text .. ".",
        advice = "Do not massage, and never massage that leg. The client should see a doctor today. Sudden "
          .. "breathlessness, chest pain or coughing blood mean a possible clot in the lung: call emergency services.",
      }
    elseif client:has_symptom("calf_pain_warmth_redness") or client:has_symptom("leg_swelling") then
      ask("Leg or calf symptoms (pain, warmth, redness or swelling): ask whether one leg only is affected, "
        .. "and about recent surgery, immobility, long travel, pregnancy or cancer. If one leg is swollen, or it "
        .. "is painful, warm or red with any of these, do not massage: a doctor today (possible blood clot). "
        .. "Until you know, do not massage the legs.")
    end
  end,
}

-- Possible AAA (NICE NG156): a pulsatile abdominal mass with abdominal, flank
-- or back pain is an emergency (possible leak or rupture). A pulsatile mass
-- without pain, or a known aneurysm, needs no emergency but no abdominal
-- pressure, and a doctor for a mass nobody has assessed.
rule {
  id = "red_flag.aortic_aneurysm",
  title = "Pulsatile abdominal mass with abdominal, flank or back pain: emergency (possible aortic aneurysm)",
  kind = "referral",
  grade = "practice",
  evidence = { "NICE-NG156" },
  apply = function(client)
    local mass = client:has_symptom("pulsatile_abdominal_mass")
    local known = client:has_condition("abdominal_aortic_aneurysm")
    if not (mass or known) then return end
    local pain = {}
    add(pain, client:has_symptom("abdominal_pain"), "abdominal pain")
    add(pain, client:has_symptom("flank_pain"), "flank pain")
    add(pain, client:has_symptom("back_pain") or client:has_symptom("sudden_severe_back_pain")
      or client:has_condition("low_back_pain"), "back pain")
    local context = {}
    if client.age then context[#context + 1] = "is " .. client.age end
    if client.sex == "male" then context[#context + 1] = "is male" end
    if client:has_flag("smoker") then context[#context + 1] = "smokes or has smoked" end
    local who = #context > 0 and (" The client " .. table.concat(context, ", ") .. ".") or ""
    local what = mass and "a pulsating abdominal mass" or "a known abdominal aortic aneurysm"
    if #pain > 0 then
      refer {
        urgency = "emergency",
        reason = "Possible leaking aortic aneurysm: " .. what .. " with " .. table.concat(pain, " and ") .. "." .. who,
        advice = "Do not massage. Call emergency services now; keep the client still and do not press on the abdomen.",
      }
    elseif mass then
      refer {
        urgency = "routine",
        reason = "A pulsating abdominal mass that the profile does not say a doctor has assessed (possible aortic "
          .. "aneurysm)." .. who,
        advice = "Do not massage until a doctor has examined it (within days). Abdominal, flank or back pain, or "
          .. "feeling faint, means emergency services at once.",
      }
    else
      caution("Known abdominal aortic aneurysm: no pressure on the abdomen, and no deep work near it. New "
        .. "abdominal, flank or back pain means emergency services at once.")
    end
  end,
}

-- Heart conditions and devices (Werner [practice]): medical clearance for
-- heart failure, a heart attack that the profile does not call chronic
-- (recent: weeks) and unstable angina; a pacemaker or defibrillator is
-- fitted for a heart condition, so the brief's row asks for clearance too.
-- Deep pressure over the device can damage it or its leads.
rule {
  id = "clearance.heart_condition",
  title = "Heart failure, recent heart attack, unstable angina, pacemaker or ICD: clearance, positioning",
  kind = "contraindication",
  grade = "practice",
  evidence = { "Werner-Pathology" },
  apply = function(client)
    local why = {}
    add(why, client:has_condition("heart_failure"), "heart failure")
    local mi = client:condition("myocardial_infarction")
    add(why, mi ~= nil and mi.course ~= "chronic", "a heart attack (the profile does not say it was long ago)")
    add(why, client:has_condition("unstable_angina"), "unstable angina")
    local device = {}
    add(device, client:has_flag("pacemaker"), "a pacemaker")
    add(device, client:has_flag("implanted_defibrillator"), "an implanted defibrillator (ICD)")
    for _, d in ipairs(device) do why[#why + 1] = d end
    if #why == 0 then return end
    require_clearance {
      from = "the client's doctor or cardiac team",
      reason = "The client has " .. table.concat(why, " and ") .. ": ask the doctor whether massage is safe now "
        .. "and what to avoid.",
    }
    caution("Heart (" .. table.concat(why, ", ") .. "): keep the session shorter and gentle, position the client "
      .. "semi-reclined if lying flat is uncomfortable or breathless, let them sit up slowly, and stop if chest "
      .. "pain, breathlessness or dizziness appear.")
    if #device > 0 then
      caution("No deep pressure over or around " .. table.concat(device, " or ") .. " (usually below a collarbone) "
        .. "and avoid vigorous work on that shoulder and arm; do not use electrical or magnetic devices.")
    end
  end,
}

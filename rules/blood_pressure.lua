-- Blood pressure (clinical brief §2.3: "Severe uncontrolled hypertension:
-- refer", sourced only to [weak] web lists).
--
-- Covers: severe uncontrolled blood pressure (referral: routine, or same day
-- with a headache, with a safety net for emergency symptoms); high blood
-- pressure the profile does not call controlled (ask first); dizziness after
-- a session for clients on blood pressure treatment ([inference], as the
-- catalog's antihypertensive class says). Controlled hypertension is not a
-- contraindication. When the profile says both controlled and uncontrolled,
-- the stricter fact (uncontrolled) is used.
--
-- Urgency: severe hypertension without symptoms needs a doctor's review
-- before massage rather than an emergency visit; a headache with it makes it
-- same day; chest pain, vision changes, confusion or weakness mean emergency
-- care, which the advice says [inference].
--
-- Sources: web contraindication lists [weak] (key Web-contraindication-lists).

rule {
  id = "blood_pressure.uncontrolled_referral",
  title = "Severe uncontrolled blood pressure: refer before massage",
  kind = "referral",
  grade = "practice",
  evidence = { "Web-contraindication-lists" },
  apply = function(client)
    if not client:has_flag("uncontrolled_hypertension") then return end
    local conflict = ""
    if client:has_flag("controlled_hypertension") then
      conflict = " (The profile also says the blood pressure is controlled; the stricter fact is used.)"
    end
    if client:has_symptom("headache") then
      refer {
        urgency = "same_day",
        reason = "Severe uncontrolled blood pressure with a headache." .. conflict,
        advice = "Do not massage. The client should have their blood pressure checked by a doctor today. "
          .. "Chest pain, shortness of breath, vision changes, confusion or weakness mean emergency care now.",
      }
    else
      refer {
        urgency = "routine",
        reason = "Severe uncontrolled blood pressure." .. conflict,
        advice = "Do not massage until a doctor has reviewed the blood pressure. Chest pain, a severe headache, "
          .. "vision changes, confusion or weakness mean emergency care now.",
      }
    end
  end,
}

rule {
  id = "blood_pressure.check_controlled",
  title = "High blood pressure not stated to be controlled: check first",
  kind = "caution",
  grade = "practice",
  evidence = { "Web-contraindication-lists" },
  apply = function(client)
    if client:has_flag("uncontrolled_hypertension") then return end   -- blood_pressure.uncontrolled_referral refers
    local controlled = client:has_flag("controlled_hypertension")
    if client:has_condition("hypertension") and not controlled then
      caution("The client has high blood pressure and the profile does not say it is controlled: ask, and refer "
        .. "before massage if it is severe and uncontrolled.")
    end
    -- dizziness after a session: [inference], as in the catalog's antihypertensive class
    local on, name = client:takes("antihypertensive")
    if on or controlled then
      caution("Blood pressure treatment" .. (on and (" (" .. name .. ")") or "") .. ": the client may feel dizzy "
        .. "after a relaxing session; let them sit up slowly before standing.")
    end
  end,
}

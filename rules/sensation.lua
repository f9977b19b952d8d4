-- Reduced sensation: neuropathy, diabetes and numbness (clinical brief §2.3,
-- relative contraindications: "pressure feedback unreliable on numb areas;
-- check skin").
--
-- A client who cannot feel pressure cannot say when it is too much, so the
-- therapist must judge pressure without that feedback. Diabetes also calls
-- for a skin check (slow healing, unnoticed injuries on the feet).
--
-- Sources: clinical.md marks this row [weak/inference]; NCCIH is cited for
-- the general safety practice.

rule {
  id = "sensation.unreliable_feedback",
  title = "Neuropathy or numbness: pressure feedback is unreliable",
  kind = "caution",
  grade = "practice",
  evidence = { "NCCIH" },
  apply = function(client)
    local why = {}
    if client:has_condition("diabetic_polyneuropathy") then
      why[#why + 1] = "diabetic polyneuropathy"
    elseif client:has_flag("neuropathy") then
      why[#why + 1] = "peripheral neuropathy"
    end
    if client:has_symptom("numbness") then why[#why + 1] = "reported numbness" end
    local diabetic = client:has_condition("diabetes_mellitus") or client:has_flag("diabetes")
      or client:has_condition("diabetic_polyneuropathy") or client:takes("antidiabetic")
    if #why > 0 then
      caution("Pressure feedback is unreliable over numb areas (" .. table.concat(why, ", ") .. "): the client "
        .. "may not feel when pressure is too much. Keep pressure moderate there and watch the tissue, not only "
        .. "the client's words.")
    end
    if diabetic then
      caution("Diabetes: check the skin (especially the feet) before and after the session for cuts, blisters "
        .. "or redness the client may not feel.")
    end
  end,
}
